using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using SloScaler.Operator.Crd;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Tests.Support;
using k8s.Autorest;
using k8s.Models;
using k8s;

namespace SloScaler.Operator.Tests.Kubernetes.Support;

/// <summary>
/// The test cluster of <c>SLOSCALER_KUBECONFIG</c>: one client for the process, and the generated
/// CRD installed once (replaced only when it differs, so tests that install the same CRD from
/// <c>config/crd</c> at the same time do not meet conflicts).
/// </summary>
internal static class KubeCluster
{
    public static readonly TimeSpan EstablishBound = TimeSpan.FromSeconds(30);

    private static readonly Lazy<IKubernetes> LazyClient = new(() => Connect());
    private static readonly Lazy<Task> Crd = new(() => EnsureCrdAsync(LazyClient.Value));

    public static string Kubeconfig => KubeFactAttribute.Kubeconfig ?? throw new InvalidOperationException(KubeFactAttribute.MissingReason);

    public static IKubernetes Client => LazyClient.Value;

    /// <summary>A client of its own, e.g. with extra handlers in front of the API server.</summary>
    public static IKubernetes Connect(params DelegatingHandler[] handlers) =>
        handlers.Length == 0
            ? KubernetesClientFactory.Create(Kubeconfig, new KubernetesClientOptions { Qps = 100, Burst = 200 })
            : new k8s.Kubernetes(KubernetesClientFactory.BuildConfig(Kubeconfig), handlers);

    /// <summary>Makes sure the generated CRD is installed and Established.</summary>
    public static Task EnsureCrdAsync() => Crd.Value;

    public static async Task EnsureCrdAsync(IKubernetes client)
    {
        var crd = CrdGenerator.Generate();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var existing = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name);
                if (SameVersions(existing, crd)) break;
                crd.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
                await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(crd, crd.Metadata.Name);
                break;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                try
                {
                    await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
                    break;
                }
                catch (HttpOperationException c) when (c.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
                {
                    // created by someone else meanwhile: compare again
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
                // replaced by someone else meanwhile: compare again
            }
        }
        await WaitEstablishedAsync(client, crd.Metadata.Name);
    }

    public static async Task WaitEstablishedAsync(IKubernetes client, string name)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            if (crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true) return;
            if (clock.Elapsed > EstablishBound) throw new TimeoutException($"CRD {name} not Established within {EstablishBound}");
            await Task.Delay(100);
        }
    }

    private static bool SameVersions(V1CustomResourceDefinition existing, V1CustomResourceDefinition wanted) =>
        JsonNode.DeepEquals(
            JsonNode.Parse(KubernetesJson.Serialize(existing.Spec.Versions)),
            JsonNode.Parse(KubernetesJson.Serialize(wanted.Spec.Versions)));
}
