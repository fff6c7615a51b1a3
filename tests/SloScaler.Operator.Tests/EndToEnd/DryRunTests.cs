using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>Dry-run, for the whole operator or one policy: decide and report everything, write no replicas.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DryRunTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    [EndToEndFact]
    public async Task OperatorDryRun_DecidesAndReports_WritesNoReplicas()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "dryrun-flag");
        await scope.Namespace.CreateDeploymentAsync("web", replicas: 1);
        await scope.StartOperatorAsync(options: new OperatorOptions { DryRun = true });
        await scope.UseSteadyLoadAsync();

        await AssertDecidesButDoesNotScaleAsync(scope, scope.Policy("web", "web"));
    }

    [EndToEndFact]
    public async Task PolicyDryRun_DecidesAndReports_WritesNoReplicas()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "dryrun-spec");
        await scope.Namespace.CreateDeploymentAsync("web", replicas: 1);
        await scope.StartOperatorAsync();
        await scope.UseSteadyLoadAsync();

        await AssertDecidesButDoesNotScaleAsync(scope, scope.Policy("web", "web") with { DryRun = true });
    }

    private static async Task AssertDecidesButDoesNotScaleAsync(EndToEndScope scope, PolicyManifest policy)
    {
        var ns = scope.Namespace;
        await using var history = ReplicaHistory.Start(ns, "web");
        await ns.CreatePolicyAsync(policy);

        // 45 requests/s at 10 per replica would be 5 replicas: reported, not applied.
        var decided = await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 5, CurrentReplicas: 1 }, Waits.Scale,
            "status.desiredReplicas 5 with the target left at 1");
        Assert.True(decided.Status!.LastDecision?.DryRun, $"lastDecision is not marked dry-run: {decided}");
        Assert.Equal(5, decided.Status.LastDecision?.To);
        Assert.Null(decided.Status.LastScaleTime);
        var events = await scope.WaitForEventAsync("web", e => e is { Type: "Normal", Reason: "DryRunScale" }, Waits.Report, "Normal/DryRunScale");
        Assert.Contains("[dry-run] would scale Deployment/web 1 → 5", Assert.Single(events, e => e.Reason == "DryRunScale").Message);
        Assert.DoesNotContain(events, e => e.Reason == "Scaled");

        await Eventually.HoldsAsync(() => ns.ReplicasAsync("web"), r => r == 1, Waits.Quiet, "Deployment web at 1 replica");
        Assert.All(history.Samples, s => Assert.Equal(1, s.Replicas));
        // One DryRunScale for the decision, not one per evaluation.
        Assert.Single(await ns.EventsAsync("web"), e => e.Reason == "DryRunScale");
    }
}
