using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SloScaler.Core.Policy;
using SloScaler.Operator.Kubernetes;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// One test's namespace on the real API server, and what the tests do in it as a user (or as
/// "someone else") would: Deployments, ScalingPolicies, their status and Events, Leases.
/// Deleted (without waiting) on dispose.
/// </summary>
public sealed class TestNamespace(IKubernetes client, string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    public IKubernetes Client { get; } = client;

    /// <summary>A Deployment whose pods never run (there is no kubelet; see <see cref="FakeKubelet"/>).</summary>
    public Task CreateDeploymentAsync(string deployment, int replicas)
    {
        var labels = new Dictionary<string, string> { ["app"] = deployment };
        return Client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = deployment },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        AutomountServiceAccountToken = false,
                        TerminationGracePeriodSeconds = 0,
                        Containers = [new V1Container { Name = "app", Image = "sloscaler-e2e-placeholder" }],
                    },
                },
            },
        }, Name);
    }

    /// <summary>The Deployment's <c>spec.replicas</c>, or null when it does not exist.</summary>
    public async Task<int?> ReplicasAsync(string deployment) => (await DeploymentAsync(deployment))?.Spec.Replicas;

    public async Task<V1Deployment?> DeploymentAsync(string deployment)
    {
        try
        {
            return await Client.AppsV1.ReadNamespacedDeploymentAsync(deployment, Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Sets replicas through the scale subresource, as another client (a person, another controller) would.</summary>
    public Task ScaleAsync(string deployment, int replicas) =>
        Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("{\"spec\":{\"replicas\":" + replicas.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}", V1Patch.PatchType.MergePatch), deployment, Name);

    public Task DeleteDeploymentAsync(string deployment) =>
        Client.AppsV1.DeleteNamespacedDeploymentAsync(deployment, Name, propagationPolicy: "Background");

    public async Task CreatePolicyAsync(PolicyManifest policy) =>
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            policy.ToJson(), ScalingPolicy.Group, ScalingPolicy.Version, Name, ScalingPolicy.Plural);

    public async Task<PolicyView> PolicyAsync(string policy)
    {
        var answer = await Client.CustomObjects.GetNamespacedCustomObjectAsync(
            ScalingPolicy.Group, ScalingPolicy.Version, Name, ScalingPolicy.Plural, policy);
        return PolicyView.From(JsonNode.Parse(KubernetesJson.Serialize(answer))!);
    }

    /// <summary>A merge patch of the policy's status subresource, as another writer would send it.</summary>
    /// <summary>Merge-patches the policy's status; returns the object as the API server stored it, as JSON.</summary>
    public async Task<string> PatchPolicyStatusAsync(string policy, JsonObject status) =>
        JsonSerializer.Serialize(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(new JsonObject { ["status"] = status }.ToJsonString(), V1Patch.PatchType.MergePatch),
            ScalingPolicy.Group, ScalingPolicy.Version, Name, ScalingPolicy.Plural, policy));

    /// <summary>The Events about a policy (core/v1 view, which also shows events.k8s.io/v1 Events).</summary>
    /// <summary>Creates a policy from JSON (spec and whatever else), as a user's manifest would.</summary>
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

    /// <summary>The policy as the operator's adapter reads it.</summary>
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

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string policy)
    {
        var list = await Client.CoreV1.ListNamespacedEventAsync(Name, fieldSelector: $"involvedObject.name={policy}");
        return list.Items.Where(e => e.InvolvedObject?.Kind == ScalingPolicy.KindValue).OrderBy(e => e.Metadata.CreationTimestamp).ToList();
    }

    public async Task<V1Lease?> LeaseAsync(string lease)
    {
        try
        {
            return await Client.CoordinationV1.ReadNamespacedLeaseAsync(lease, Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Pods can be created once the service-account controller made <c>default</c>.</summary>
    public async Task WaitForDefaultServiceAccountAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                await Client.CoreV1.ReadNamespacedServiceAccountAsync("default", Name);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"no default ServiceAccount in {Name} after 30s: is kube-controller-manager running?");
    }

    public static string Describe(IEnumerable<Corev1Event> events) =>
        string.Join(Environment.NewLine, events.Select(e => $"  {e.Type} {e.Reason} x{e.Count ?? 1} [{e.ReportingInstance ?? e.Source?.Host ?? e.ReportingComponent ?? e.Source?.Component}]: {e.Message}"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(Name);
        }
        catch (HttpOperationException)
        {
            // gone already, or the cluster is: the next run deletes leftovers by owner PID
        }
    }
}
