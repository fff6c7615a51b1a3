using System.Text.Json;
using SloScaler.Core.Policy;
using SloScaler.Core.Tests.Support;

namespace SloScaler.Core.Tests.Policy;

public sealed class PolicyDocumentsTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot(), "config", "samples"), "*.yaml").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Load_Sample_IsValid(string file)
    {
        var loaded = PolicyDocuments.Load(File.ReadAllText(Path.Combine(RepoRoot(), "config", "samples", file)));
        var policy = Assert.Single(loaded);
        Assert.True(policy.Validation.IsValid, policy.Validation.Summary);
        Assert.NotEmpty(policy.Validation.Settings!.LoadParameters);
    }

    [Fact]
    public void Samples_CoverWebApiQueueWorkerAndFanOut()
    {
        var settings = Directory.GetFiles(Path.Combine(RepoRoot(), "config", "samples"), "*.yaml")
            .SelectMany(f => PolicyDocuments.Load(File.ReadAllText(f))).Select(p => p.Validation.Settings!).ToList();
        Assert.True(settings.Count >= 3);
        Assert.Contains(settings, s => s.LoadParameters.Any(p => p.Name == "rps"));
        Assert.Contains(settings, s => s.LoadParameters.Any(p => p.Query.Contains("queue", StringComparison.Ordinal)));
        Assert.Contains(settings, s => s.LoadParameters.Count >= 2);
    }

    [Fact]
    public void Load_WrongTypeForField_ReportsFieldPathWithoutThrowing()
    {
        var loaded = PolicyDocuments.Load("""
            apiVersion: sloscaler.io/v1alpha1
            kind: ScalingPolicy
            metadata: {name: x}
            spec:
              minReplicas: many
            """);
        var problem = Assert.Single(Assert.Single(loaded).Validation.Problems);
        Assert.Equal("spec.minReplicas", problem.Field);
    }

    [Theory]
    [InlineData("1.5", "spec.loadParameters[0].targetPerReplica: 1.5 is a number that is not an integer, which the API server refuses here (it takes an integer or a string): write \"1.5\" or 1500m")]
    [InlineData("\"1.5\"", null)]
    [InlineData("1500m", null)]
    [InlineData("120", null)]
    public void Load_TargetPerReplicaAsNonIntegerNumber_ReportedAsTheApiServerWouldRefuseIt(string written, string? problem)
    {
        var sample = File.ReadAllText(Path.Combine(RepoRoot(), "config", "samples", "web-api-rps.yaml"));
        var target = System.Text.RegularExpressions.Regex.Match(sample, "targetPerReplica: *[^\\n]+");
        Assert.True(target.Success, "the sample has no targetPerReplica");
        var loaded = Assert.Single(PolicyDocuments.Load(sample.Replace(target.Value, "targetPerReplica: " + written, StringComparison.Ordinal)));
        Assert.Equal(problem, loaded.Validation.Problems.Select(p => p.ToString()).SingleOrDefault());
    }

    [Fact]
    public void Load_NotYaml_ReportsLine()
    {
        var loaded = PolicyDocuments.Load("spec: [unclosed\n  foo: {");
        var problem = Assert.Single(Assert.Single(loaded).Validation.Problems);
        Assert.Equal("yaml", problem.Field);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void Load_SeveralDocuments_ReadsEach()
    {
        var one = File.ReadAllText(Path.Combine(RepoRoot(), "config", "samples", "web-api-rps.yaml"));
        var loaded = PolicyDocuments.Load(one + "\n---\n" + one.Replace("name: checkout\n  namespace", "name: checkout-2\n  namespace", StringComparison.Ordinal));
        Assert.Equal(["checkout", "checkout-2"], loaded.Select(l => l.Name));
    }

    [Fact]
    public void Serialize_Policy_UsesKubernetesShape()
    {
        var policy = PolicyDocuments.Load(File.ReadAllText(Path.Combine(RepoRoot(), "config", "samples", "web-api-rps.yaml")))[0].Policy!;
        var json = JsonSerializer.Serialize(policy, PolicyJson.Options);
        Assert.Contains("\"apiVersion\":\"sloscaler.io/v1alpha1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"objective\":\"250ms\"", json, StringComparison.Ordinal);
        Assert.Contains("\"targetPerReplica\":120", json, StringComparison.Ordinal);
        Assert.Contains("\"stabilizationWindow\":\"300s\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<ScalingPolicy>(json, PolicyJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, PolicyJson.Options));
    }

    private static string RepoRoot() => Repo.Root();
}
