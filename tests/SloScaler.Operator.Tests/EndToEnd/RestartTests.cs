using SloScaler.Core.Reconcile;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>The operator dies mid-scale-down; its successor reads the stabilization state back from the policy's status.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RestartTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    private static readonly TimeSpan ScaleDownWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(8);

    [EndToEndFact]
    public async Task OperatorKilledMidScaleDown_RestartedOperatorKeepsTheWindow_NoEarlyScaleIn_NoFlapping()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "restart");
        var ns = scope.Namespace;
        scope.Load.SetLoad(45, 0.1);
        await ns.CreateDeploymentAsync("web", replicas: 1);
        var first = await scope.StartOperatorAsync("operator-1");
        await prometheus.WaitForLoadAsync(scope.Load);
        await ns.CreatePolicyAsync(scope.Policy("web", "web") with { ScaleDownWindow = "30s" });
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        await using var history = ReplicaHistory.Start(ns, "web");

        // The load drops (15 requests/s: 2 replicas); the 30 s window holds 5, and the status says so.
        scope.Load.SetLoad(15, 0.1);
        var lowered = history.Now;
        await scope.WaitForPolicyAsync("web", p => p.Has(ConditionTypes.ScalingLimited, "True", "ScaleDownStabilized"), ScaleDownWindow - KillAfter,
            "ScalingLimited=True/ScaleDownStabilized (the window's state in the status)");
        if (history.Now - lowered < KillAfter)
            await Task.Delay(KillAfter - (history.Now - lowered));

        await first.KillAsync();
        Assert.Equal(5, await ns.ReplicasAsync("web"));
        var killed = history.Now;
        await scope.StartOperatorAsync("operator-2");

        // Without the state from the status the new operator would scale in at its first evaluation.
        await scope.WaitForReplicasAsync("web", 2, ScaleDownWindow + Waits.Scale);
        var firstDrop = await history.FirstAsync(r => r < 5, lowered, "the drop below 5");
        Assert.True(firstDrop - lowered >= ScaleDownWindow - Waits.Slack,
            $"replicas fell {(firstDrop - lowered).TotalSeconds:0.0}s after the load (operator killed at {(killed - lowered).TotalSeconds:0.0}s), "
            + $"inside the {ScaleDownWindow.TotalSeconds}s window: {history.Describe()}");
        history.AssertNoFlapping();
        var events = await ns.EventsAsync("web");
        Assert.DoesNotContain(events, e => e.Reason == "Scaled" && e.Message.Contains("→ 5", StringComparison.Ordinal) && !e.Message.Contains("1 → 5", StringComparison.Ordinal));
    }
}
