using System.Globalization;
using k8s;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// <c>helm install</c> of charts/sloscaler into the real API server, then the real operator process
/// run with nothing but the chart's ServiceAccount's token and the chart's own flags: it must
/// scale a Deployment through a whole cycle, while that identity is refused everything else.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HelmInstallTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    private static readonly TimeSpan ScaleDownWindow = TimeSpan.FromSeconds(20);

    [HelmInstallFact]
    public async Task Install_DefaultValues_OperatorScalesWithOnlyTheServiceAccountsRights_UninstallRemovesIt()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "helm");
        var ns = scope.Namespace;
        var folder = RunDirectory.NewFolder("helm-install");
        await using var release = await ChartRelease.InstallAsync(kube, ns.Name);
        var identity = await release.ServiceAccountAsync(folder);
        using var client = identity.CreateClient();
        const string lease = "sloscaler-leader"; // the chart's default

        // what the chart installed: exactly what the operator calls, cluster-wide, and its Lease in the release namespace
        await InstalledRbac.AssertExactlyAsync(kube.Client, ns.Name, release.FullName, new Dictionary<string, IReadOnlySet<Permission>>
        {
            [InstalledRbac.ClusterWide] = OperatorAccess.Watched,
            [ns.Name] = OperatorAccess.LeaderElection(lease),
        });
        // what the API server's authorizer answers that identity (kubectl auth can-i, as the ServiceAccount)
        await AccessCheck.AssertAllAsync(client, identity.UserName,
        [
            .. AccessCheck.AllOf(OperatorAccess.Watched, ns.Name),
            .. AccessCheck.AllOf(OperatorAccess.Watched, "some-other-namespace"),
            AccessCheck.Can("list", "sloscaler.io", "scalingpolicies", null), // one watch over all namespaces
            AccessCheck.Can("watch", "sloscaler.io", "scalingpolicies", null),
            .. AccessCheck.AllOf(OperatorAccess.LeaderElection(lease), ns.Name),
            AccessCheck.Cannot("create", "coordination.k8s.io", "leases", "some-other-namespace"),
            .. AccessCheck.NeverAllowed(ns.Name, lease),
            .. AccessCheck.NeverAllowed(null, lease),
        ]);

        // and real requests with its token
        await ns.CreateDeploymentAsync("web", replicas: 1);
        await ChartRelease.AssertForbiddenAsync("reading its own token Secret",
            () => client.CoreV1.ReadNamespacedSecretAsync(identity.TokenSecret, ns.Name));
        await ChartRelease.AssertForbiddenAsync("listing Secrets in all namespaces", () => client.CoreV1.ListSecretForAllNamespacesAsync());
        await ChartRelease.AssertForbiddenAsync("patching a Deployment's spec.replicas (not through /scale)",
            () => client.AppsV1.PatchNamespacedDeploymentAsync(ChartRelease.ReplicasPatch(3), "web", ns.Name));
        await ChartRelease.AssertForbiddenAsync("deleting a Deployment", () => client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns.Name));
        await client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns.Name); // allowed

        // a full scale cycle by the operator process, as the chart configures it, with that identity only
        scope.Load.SetLoad(45, 0.1);
        var flags = await release.OperatorFlagsAsync();
        output.WriteLine($"chart flags: {string.Join(' ', flags)}");
        Assert.Contains("--leader-elect", flags);
        await using (var running = await OperatorProcess.StartAsync("chart-sa", ns.Name, identity.KubeconfigPath, prometheus.Address,
            new OperatorOptions { ExtraArguments = flags }, folder))
        {
            await prometheus.WaitForLoadAsync(scope.Load);
            await ns.CreatePolicyAsync(scope.Policy("web", "web") with { ScaleDownWindow = "20s" });

            // 45 requests/s at 10 per replica: ceil(4.5) = 5
            await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
            await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 5, CurrentReplicas: 5 } && p.Status.ObservedGeneration == p.Generation,
                Waits.Report, "status written through the status subresource");
            await scope.WaitForEventAsync("web", e => e.Reason == "Scaled", Waits.Report, "Scaled (an events.k8s.io Event)");
            var holder = (await ns.LeaseAsync(lease))?.Spec?.HolderIdentity;
            Assert.StartsWith("chart-sa", holder, StringComparison.Ordinal);

            // 15 requests/s: 2 replicas, after the 20 s scale-down window
            scope.Load.SetLoad(15, 0.1);
            await scope.WaitForReplicasAsync("web", 2, ScaleDownWindow + Waits.Scale);
            await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 2, CurrentReplicas: 2 }, Waits.Report, "status after the scale-in");

            await running.StopAsync();
            var log = running.ReadLog();
            output.WriteLine(running.LogTail(12000));
            Assert.DoesNotContain("forbidden", log, StringComparison.OrdinalIgnoreCase);
        }

        await release.UninstallAsync([]);
    }

    [HelmInstallFact]
    public async Task Install_WatchNamespacesList_GrantsOnlyThoseNamespaces_OperatorScalesThere()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "helm-watched");
        var watched = scope.Namespace;
        await using var releaseNamespace = await kube.CreateNamespaceAsync("helm-release");
        await using var other = await kube.CreateNamespaceAsync("helm-other");
        var folder = RunDirectory.NewFolder("helm-install-ns");
        const string lease = "team-lease";
        await using var release = await ChartRelease.InstallAsync(kube, releaseNamespace.Name,
            "--set", $"watchNamespaces={{{watched.Name}}}", "--set", $"leaderElection.leaseName={lease}");
        var identity = await release.ServiceAccountAsync(folder);
        using var client = identity.CreateClient();

        await InstalledRbac.AssertExactlyAsync(kube.Client, releaseNamespace.Name, release.FullName, new Dictionary<string, IReadOnlySet<Permission>>
        {
            [watched.Name] = OperatorAccess.Watched,
            [releaseNamespace.Name] = OperatorAccess.LeaderElection(lease),
        });
        await AccessCheck.AssertAllAsync(client, identity.UserName,
        [
            .. AccessCheck.AllOf(OperatorAccess.Watched, watched.Name),
            .. OperatorAccess.Watched.Select(p => AccessCheck.Cannot(p.Verb, p.Group, p.Resource, other.Name)),
            .. OperatorAccess.Watched.Select(p => AccessCheck.Cannot(p.Verb, p.Group, p.Resource, releaseNamespace.Name)),
            .. OperatorAccess.Watched.Select(p => AccessCheck.Cannot(p.Verb, p.Group, p.Resource, null)), // nothing cluster-wide
            .. AccessCheck.AllOf(OperatorAccess.LeaderElection(lease), releaseNamespace.Name),
            .. AccessCheck.NeverAllowed(watched.Name, lease),
            .. AccessCheck.NeverAllowed(releaseNamespace.Name, lease),
        ]);

        await other.CreateDeploymentAsync("elsewhere", replicas: 1);
        await ChartRelease.AssertForbiddenAsync("reading a scale outside the watched namespaces",
            () => client.AppsV1.ReadNamespacedDeploymentScaleAsync("elsewhere", other.Name));

        await watched.CreateDeploymentAsync("web", replicas: 1);
        scope.Load.SetLoad(45, 0.1);
        var flags = await release.OperatorFlagsAsync();
        Assert.Contains($"--leader-election-namespace={releaseNamespace.Name}", flags);
        await using (var running = await OperatorProcess.StartAsync("chart-ns-sa", watched.Name, identity.KubeconfigPath, prometheus.Address,
            new OperatorOptions { ExtraArguments = flags }, folder))
        {
            await prometheus.WaitForLoadAsync(scope.Load);
            await watched.CreatePolicyAsync(scope.Policy("web", "web"));
            await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
            await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 5, CurrentReplicas: 5 }, Waits.Report, "status written");
            await scope.WaitForEventAsync("web", e => e.Reason == "Scaled", Waits.Report, "Scaled");
            var holder = (await kube.Client.CoordinationV1.ReadNamespacedLeaseAsync(lease, releaseNamespace.Name)).Spec?.HolderIdentity;
            Assert.StartsWith("chart-ns-sa", holder, StringComparison.Ordinal);
            await running.StopAsync();
            var log = running.ReadLog();
            output.WriteLine(running.LogTail(12000));
            Assert.DoesNotContain("forbidden", log, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(1, (await other.ReplicasAsync("elsewhere")).GetValueOrDefault(-1));

        await release.UninstallAsync([watched.Name]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"uninstalled {release.Name}"));
    }
}
