using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using SloScaler.Core.Policy;
using SloScaler.Core.Validation;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.Tests.Kubernetes.Support;
using SloScaler.Operator.Tests.Support;
using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Kubernetes;

/// <summary>The generated CRD on the real API server: installed, samples accepted, bad objects rejected.</summary>
public sealed class CrdClusterTests(KubeFixture kube) : IClassFixture<KubeFixture>
{
    [KubeFact]
    public async Task GeneratedCrd_Applied_IsEstablishedWithItsNames()
    {
        await kube.ReadyAsync();

        var crd = await kube.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(ScalingPolicyResource.CrdName);

        Assert.Contains(crd.Status.Conditions, c => c.Type == "Established" && c.Status == "True");
        Assert.Equal(["sp"], crd.Status.AcceptedNames.ShortNames);
        Assert.Equal("ScalingPolicy", crd.Status.AcceptedNames.Kind);
    }

    [KubeFact]
    public async Task Samples_Created_ReadBackWithTheSameSpec()
    {
        await using var ns = await kube.CreateNamespaceAsync("samples");
        var files = Directory.GetFiles(Repo.PathOf("config", "samples"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            foreach (var document in YamlToJson.ConvertAll(await File.ReadAllTextAsync(file)).OfType<JsonObject>())
            {
                document["metadata"]!["namespace"] = ns.Name;
                var name = document["metadata"]!["name"]!.GetValue<string>();
                await ns.Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
                    document, ScalingPolicyResource.Group, ScalingPolicyResource.Version, ns.Name, ScalingPolicyResource.Plural);

                var stored = await ns.GetPolicyAsync(name);

                var written = document["spec"].Deserialize<ScalingPolicySpec>(PolicyJson.Options);
                Assert.Equal(JsonSerializer.Serialize(written, PolicyJson.Options), JsonSerializer.Serialize(stored.Spec, PolicyJson.Options));
                Assert.True(PolicyValidator.Validate(stored.Spec).Problems.Count == 0, $"{Path.GetFileName(file)} is invalid once stored");
            }
        }
    }

    [KubeFact]
    public async Task ApiServer_ObviouslyBadObject_Rejected()
    {
        await using var ns = await kube.CreateNamespaceAsync("bad");
        var spec = SomeSpec.Json();
        spec["maxReplicas"] = "x";
        spec["mode"] = "Sometimes";
        spec["interval"] = 15;

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ns.CreatePolicyAsync("bad", spec));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        Assert.Contains("spec.maxReplicas", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains("spec.mode", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains("spec.interval", e.Response.Content, StringComparison.Ordinal);
    }

    [KubeFact]
    public async Task ApiServer_MissingRequiredFields_Rejected()
    {
        await using var ns = await kube.CreateNamespaceAsync("bad");
        var spec = SomeSpec.Json();
        spec.Remove("slo");
        spec.Remove("targetRef");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ns.CreatePolicyAsync("incomplete", spec));

        Assert.Contains("spec.slo: Required value", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains("spec.targetRef: Required value", e.Response.Content, StringComparison.Ordinal);
    }

    [KubeFact]
    public async Task TargetPerReplica_NonIntegerNumberRefusedByTheServer_AndByValidation_QuotedAccepted()
    {
        await using var ns = await kube.CreateNamespaceAsync("quantity");
        var unquoted = SomeSpec.Json();
        unquoted["loadParameters"]![0]!["targetPerReplica"] = 1.5;

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => ns.CreatePolicyAsync("unquoted", unquoted));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        // Kubernetes 1.20 names the field without the index: spec.loadParameters.targetPerReplica … must be of type integer,string.
        Assert.Contains("spec.loadParameters.targetPerReplica", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains("integer,string", e.Response.Content, StringComparison.Ordinal);
        // `sloscaler validate` refuses what the server refuses, naming the same field (with its index).
        var offline = PolicyValidator.Validate(unquoted.Deserialize<ScalingPolicySpec>(PolicyJson.Options));
        Assert.Equal(["spec.loadParameters[0].targetPerReplica"], offline.Problems.Select(p => p.Field));

        var quoted = SomeSpec.Json();
        quoted["loadParameters"]![0]!["targetPerReplica"] = "1.5";
        await ns.CreatePolicyAsync("quoted", quoted);
        var stored = await ns.GetPolicyAsync("quoted");
        Assert.Equal(1.5, stored.Spec!.LoadParameters![0].TargetPerReplica!.Value.Value);
        Assert.True(PolicyValidator.Validate(stored.Spec).IsValid);
    }

    [KubeFact]
    public async Task CrossFieldProblems_AcceptedByTheServer_CaughtByTheOperatorsValidation()
    {
        await using var ns = await kube.CreateNamespaceAsync("semantic");
        var spec = SomeSpec.Json(maxReplicas: 3);
        spec["minReplicas"] = 5;
        spec["mode"] = "Manual";
        spec["interval"] = "2h";
        await ns.CreatePolicyAsync("semantic", spec);

        var stored = await ns.GetPolicyAsync("semantic");
        var fields = PolicyValidator.Validate(stored.Spec).Problems.Select(p => p.Field).ToList();

        Assert.Contains("spec.maxReplicas", fields);
        Assert.Contains("spec.manualReplicas", fields);
        Assert.Contains("spec.interval", fields);
    }
}
