using SloScaler.Core.Policy;
using SloScaler.Core.Tests.Support;

namespace SloScaler.Core.Tests.Policy;

/// <summary>What the API server (strict field validation, name rules) and the operator refuse, read from a file.</summary>
public sealed class PolicyFieldsTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(Repo.Root(), "config", "samples", "web-api-rps.yaml"));

    [Theory]
    [InlineData("      query: sum(", "      qurey: sum(", "spec.loadParameters[0].qurey: unknown field; did you mean \"query\"?")]
    [InlineData("  name: checkout\n  namespace", "  nmae: checkout\n  namespace", "metadata.nmae: unknown field; did you mean \"name\"?")]
    [InlineData("namespace: shop", "namespace: Shop_1", "metadata.namespace: \"Shop_1\" is not a valid namespace name: lowercase letters, digits and '-', starting and ending with a letter or digit")]
    [InlineData("    name: checkout\n  mode", "    name: Checkout\n  mode", "spec.targetRef.name: \"Checkout\" is not a valid name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. checkout-api)")]
    [InlineData("  namespace: shop\n", "  namespace: shop\n  labels: {\"team/a/b\": x}\n", "metadata.labels[\"team/a/b\"]: \"team/a/b\" is not a valid label key: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit")]
    [InlineData("  mode: Elastic", "  mode: [Elastic]", "spec.mode: a list must be a string")]
    [InlineData("  mode: Elastic", "  mode: 3", "spec.mode: 3 must be a string")]
    [InlineData("  minReplicas: 2", "  minReplicas: true", "spec.minReplicas: true must be an integer")]
    [InlineData("  interval: 15s", "  interval: {seconds: 15}", "spec.interval: a mapping must be a duration such as 15s")]
    [InlineData("kind: ScalingPolicy", "kind: ScalingPolicy\nextra: 1", "extra: unknown field")]
    [InlineData("  mode: Elastic", "  Mode: Elastic", "spec.Mode: unknown field; did you mean \"mode\"?")]
    [InlineData("  mode: Elastic", "  \"\": Elastic", "spec[\"\"]: unknown field")]
    [InlineData("  mode: Elastic", "  \"mo.de\": Elastic", "spec[\"mo.de\"]: unknown field; did you mean \"mode\"?")]
    public void Load_FieldTheApiServerRefuses_IsReportedFirstWithItsLine(string from, string to, string expected)
    {
        Assert.Contains(from, Sample, StringComparison.Ordinal);

        var policy = Assert.Single(PolicyDocuments.Load(Sample.Replace(from, to, StringComparison.Ordinal)));

        // A misspelt required field also leaves the field itself missing: both are said, the typo first.
        var problem = policy.Validation.Problems[0];
        Assert.Equal(expected, problem.ToString());
        Assert.NotNull(problem.Line);
    }

    [Fact]
    public void Load_StatusAndObjectMetaFields_AreAccepted()
    {
        var text = Sample.Replace("  namespace: shop\n", "  namespace: shop\n  uid: 1234\n  resourceVersion: \"7\"\n  annotations: {a: b}\n", StringComparison.Ordinal)
            + "status: {currentReplicas: 3, somethingNew: true}\n";

        var policy = Assert.Single(PolicyDocuments.Load(text));

        Assert.True(policy.Validation.IsValid, policy.Validation.Summary);
    }

    [Fact]
    public void ReadFile_OtherKinds_AreSetAsideWithTheirLine()
    {
        var file = PolicyDocuments.ReadFile("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n" + Sample);

        var other = Assert.Single(file.Others);
        Assert.Equal(("ConfigMap", "v1", "c", 1), (other.Kind, other.ApiVersion, other.Name, other.Line));
        Assert.True(Assert.Single(file.Policies).Validation.IsValid);
        Assert.Equal(4, file.Policies[0].Line); // a document starts on its --- line
    }
}
