using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using SloScaler.Core.Policy;
using SloScaler.Operator.Kubernetes;
using SloScaler.Testing.Builders;

namespace SloScaler.Operator.Tests.Kubernetes.Support;

/// <summary>One test's own namespace (<c>kube-&lt;prefix&gt;-&lt;random&gt;</c>) and what tests do in it; deleted on dispose.</summary>
internal sealed class KubeNamespace : IAsyncDisposable
{
    private KubeNamespace(IKubernetes client, string name)
    {
        Client = client;
        Name = name;
    }

    public IKubernetes Client { get; }

    public string Name { get; }

    public static async Task<KubeNamespace> CreateAsync(string prefix)
    {
        await KubeCluster.EnsureCrdAsync();
        var name = $"kube-{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await KubeCluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return new KubeNamespace(KubeCluster.Client, name);
    }

    /// <summary>Creates a policy from JSON (spec and whatever else), in this namespace.</summary>
    public async Task<JsonElement> CreatePolicyAsync(string name, JsonNode spec, IDictionary<string, string>? labels = null)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = ScalingPolicyResource.ApiVersionValue,
            ["kind"] = ScalingPolicyResource.KindValue,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Name },
            ["spec"] = spec,
        };
        if (labels is not null)
            body["metadata"]!["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        return await Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
            body, ScalingPolicyResource.Group, ScalingPolicyResource.Version, Name, ScalingPolicyResource.Plural);
    }

    public Task<JsonElement> CreatePolicyAsync(string name, int maxReplicas = 10) => CreatePolicyAsync(name, SomeSpec.Json(maxReplicas));

    public Task<ScalingPolicyResource> GetPolicyAsync(string name) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<ScalingPolicyResource>(
            ScalingPolicyResource.Group, ScalingPolicyResource.Version, Name, ScalingPolicyResource.Plural, name);

    /// <summary>A merge patch of the main resource (spec, metadata; a status in it is ignored by the server).</summary>
    public Task PatchPolicyAsync(string name, string mergePatch) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ScalingPolicyResource.Group, ScalingPolicyResource.Version, Name, ScalingPolicyResource.Plural, name);

    /// <summary>A merge patch of the status subresource, as another writer would send it.</summary>
    public Task PatchPolicyStatusAsync(string name, string mergePatch) =>
        Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch), ScalingPolicyResource.Group, ScalingPolicyResource.Version, Name, ScalingPolicyResource.Plural, name);

    public Task DeletePolicyAsync(string name) =>
        Client.CustomObjects.DeleteNamespacedCustomObjectAsync(ScalingPolicyResource.Group, ScalingPolicyResource.Version, Name, ScalingPolicyResource.Plural, name);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(Name);
        }
        catch (Exception)
        {
            // best effort: the cluster is thrown away after the run
        }
    }
}
