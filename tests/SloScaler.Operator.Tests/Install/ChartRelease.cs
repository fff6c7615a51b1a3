using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// One <c>helm install</c> of charts/sloscaler into the real API server (no kubelet: the chart's
/// pods stay Pending), and what a test needs of it: its ServiceAccount's identity, the operator
/// flags its Deployment sets, and <c>helm uninstall</c>, after which nothing of it may be left.
/// </summary>
internal sealed class ChartRelease : IAsyncDisposable
{
    private readonly Helm _helm;
    private readonly IKubernetes _admin;
    private readonly string _adminKubeconfig;
    private bool _uninstalled;

    private ChartRelease(Helm helm, KubeFixture kube, string name, string @namespace)
    {
        _helm = helm;
        _admin = kube.Client;
        _adminKubeconfig = kube.KubeconfigPath;
        Name = name;
        Namespace = @namespace;
    }

    public string Name { get; }

    public string Namespace { get; }

    /// <summary>The name of the ServiceAccount, (Cluster)Roles, bindings and Deployment.</summary>
    public string FullName => Name + "-sloscaler";

    public static async Task<ChartRelease> InstallAsync(KubeFixture kube, string @namespace, params string[] settings)
    {
        var helm = new Helm(kube.KubeconfigPath);
        var name = "sl-" + Guid.NewGuid().ToString("N")[..6];
        (await helm.RunAsync(["install", name, InstallFiles.Chart, "--namespace", @namespace, "--timeout", "2m", .. settings])).EnsureOk();
        return new ChartRelease(helm, kube, name, @namespace);
    }

    public Task<ServiceAccountIdentity> ServiceAccountAsync(string folder) =>
        ServiceAccountIdentity.FromTokenSecretAsync(_admin, _adminKubeconfig, Namespace, FullName, folder);

    /// <summary>
    /// The installed Deployment's flags for <c>sloscaler run</c>, as the kubelet would expand them,
    /// less those the test sets itself (<c>run</c>, the ports, the watched namespaces and the Prometheus address).
    /// </summary>
    public async Task<IReadOnlyList<string>> OperatorFlagsAsync()
    {
        var deployment = await _admin.AppsV1.ReadNamespacedDeploymentAsync(FullName, Namespace);
        var container = deployment.Spec.Template.Spec.Containers.Single(c => c.Name == DeploymentChecks.ContainerName);
        string[] setByTest = ["--probe-port", "--metrics-port", "--prometheus-address", "--namespace"];
        return container.Args
            .Skip(1)
            .Where(a => !setByTest.Any(f => a == f || a.StartsWith(f + "=", StringComparison.Ordinal)))
            .Select(a => a.Replace("$(POD_NAMESPACE)", Namespace, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary><c>helm uninstall --wait</c>, then checks that the release's objects are gone (the CRD stays, as Helm keeps CRDs).</summary>
    public async Task UninstallAsync(IEnumerable<string> watchedNamespaces)
    {
        (await _helm.RunAsync("uninstall", Name, "--namespace", Namespace, "--wait", "--timeout", "2m")).EnsureOk();
        _uninstalled = true;
        var left = new List<string>();
        async Task Gone<T>(string what, Func<Task<T>> read)
        {
            try
            {
                await read();
                left.Add(what);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
            }
        }
        await Gone($"Deployment {FullName}", () => _admin.AppsV1.ReadNamespacedDeploymentAsync(FullName, Namespace));
        await Gone($"ServiceAccount {FullName}", () => _admin.CoreV1.ReadNamespacedServiceAccountAsync(FullName, Namespace));
        await Gone($"Service {FullName}-metrics", () => _admin.CoreV1.ReadNamespacedServiceAsync(FullName + "-metrics", Namespace));
        await Gone($"ClusterRole {FullName}", () => _admin.RbacAuthorizationV1.ReadClusterRoleAsync(FullName));
        await Gone($"ClusterRoleBinding {FullName}", () => _admin.RbacAuthorizationV1.ReadClusterRoleBindingAsync(FullName));
        await Gone($"ClusterRole {FullName}-scalingpolicy-editor", () => _admin.RbacAuthorizationV1.ReadClusterRoleAsync(FullName + "-scalingpolicy-editor"));
        await Gone($"Role {FullName}-leader-election", () => _admin.RbacAuthorizationV1.ReadNamespacedRoleAsync(FullName + "-leader-election", Namespace));
        foreach (var ns in watchedNamespaces)
        {
            await Gone($"Role {ns}/{FullName}", () => _admin.RbacAuthorizationV1.ReadNamespacedRoleAsync(FullName, ns));
            await Gone($"RoleBinding {ns}/{FullName}", () => _admin.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(FullName, ns));
        }
        Assert.True(left.Count == 0, $"helm uninstall left: {string.Join(", ", left)}");
        var bound = await InstalledRbac.OfServiceAccountAsync(_admin, Namespace, FullName);
        Assert.True(bound.Count == 0, $"bindings to the removed ServiceAccount are left in: {string.Join(", ", bound.Keys)}");
        // CRDs are not removed by helm uninstall (on purpose: it would delete every ScalingPolicy)
        await _admin.ApiextensionsV1.ReadCustomResourceDefinitionAsync("scalingpolicies.sloscaler.io");
    }

    public async ValueTask DisposeAsync()
    {
        if (_uninstalled)
            return;
        try
        {
            await _helm.RunAsync("uninstall", Name, "--namespace", Namespace, "--timeout", "1m");
        }
        catch (TimeoutException)
        {
            // the namespace goes anyway; the cluster-scoped leftovers are named after this release only
        }
    }

    /// <summary>Asserts that a call made with the ServiceAccount's own credentials is refused with 403.</summary>
    public static async Task AssertForbiddenAsync(string what, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }
        catch (HttpOperationException e)
        {
            Assert.Fail($"{what}: expected 403 Forbidden, got {(int)e.Response.StatusCode} {e.Response.Content}");
        }
        Assert.Fail($"{what}: expected 403 Forbidden, but it succeeded");
    }

    /// <summary>A merge patch of a Deployment's replicas on the main resource (not /scale).</summary>
    public static V1Patch ReplicasPatch(int replicas) =>
        new($"{{\"spec\":{{\"replicas\":{replicas}}}}}", V1Patch.PatchType.MergePatch);
}
