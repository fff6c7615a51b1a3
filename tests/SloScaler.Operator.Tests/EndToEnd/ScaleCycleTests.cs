using SloScaler.Core.Reconcile;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>
/// The whole loop against the real servers: load in Prometheus → decision → the Deployment's
/// replicas, explained in status, conditions and Events; and back down after the stabilization window.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScaleCycleTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    private static readonly TimeSpan ScaleDownWindow = TimeSpan.FromSeconds(20);

    [EndToEndFact]
    public async Task LoadRisesThenFalls_DeploymentScalesOut_ThenInOnlyAfterTheStabilizationWindow()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "cycle");
        var ns = scope.Namespace;
        scope.Load.SetLoad(45, 0.1);
        await ns.CreateDeploymentAsync("web", replicas: 1);
        scope.StartKubelet();
        await scope.StartOperatorAsync();
        await prometheus.WaitForLoadAsync(scope.Load);
        await using var history = ReplicaHistory.Start(ns, "web");

        await ns.CreatePolicyAsync(scope.Policy("web", "web") with { ScaleDownWindow = "20s" });

        // 45 requests/s at 10 per replica: ceil(4.5) = 5.
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        var up = await scope.WaitForPolicyAsync("web",
            p => p.Status is { CurrentReplicas: 5, DesiredReplicas: 5 }
                 && p.Has(ConditionTypes.Ready, "True", ConditionReasons.Reconciled)
                 && p.Has(ConditionTypes.MetricsAvailable, "True")
                 && p.Has(ConditionTypes.SloMet, "True", ConditionReasons.ObjectiveMet)
                 && p.Has(ConditionTypes.SpecValid, "True"),
            Waits.Report, "status and conditions after the scale-out");
        Assert.Equal(up.Generation, up.Status!.ObservedGeneration);
        Assert.NotNull(up.Status.LastScaleTime);
        Assert.Equal(5, up.Status.LastDecision?.To);
        Assert.Contains("per replica", up.Status.LastDecision?.Reason);
        var scaledUp = await scope.WaitForEventAsync("web", e => e is { Type: "Normal", Reason: "Scaled" }, Waits.Report, "Normal/Scaled");
        var note = Assert.Single(scaledUp, e => e.Reason == "Scaled").Message;
        Assert.Contains("Deployment/web 1 → 5", note);
        Assert.Contains("rps", note);                    // which load parameter asked for it…
        Assert.Contains("/ 10 per replica → 5", note);  // …and the arithmetic
        await Eventually.MatchAsync(() => ns.DeploymentAsync("web"), d => d?.Status?.ReadyReplicas == 5, Waits.Report,
            "the (fake) kubelet to make 5 pods ready", d => $"ready {d?.Status?.ReadyReplicas}");

        // 15 requests/s needs 2 replicas, but the scale-down waits out the 20 s window.
        scope.Load.SetLoad(15, 0.1);
        var lowered = history.Now;
        var held = await scope.WaitForPolicyAsync("web",
            p => p.Has(ConditionTypes.ScalingLimited, "True", "ScaleDownStabilized"),
            ScaleDownWindow, "ScalingLimited=True/ScaleDownStabilized while the window holds the scale-down");
        Assert.Contains("stabilized", held.Status!.LastDecision?.Reason);
        await scope.WaitForReplicasAsync("web", 2, ScaleDownWindow + Waits.Scale);

        var firstDrop = await history.FirstAsync(r => r < 5, lowered, "the drop below 5");
        Assert.True(firstDrop - lowered >= ScaleDownWindow - Waits.Slack,
            $"replicas fell {(firstDrop - lowered).TotalSeconds:0.0}s after the load did, inside the {ScaleDownWindow.TotalSeconds}s window: {history.Describe()}");
        history.AssertNoFlapping();
        var down = await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 2, CurrentReplicas: 2 }, Waits.Report, "status after the scale-in");
        Assert.True(down.Status!.LastScaleTime > up.Status.LastScaleTime, $"lastScaleTime did not move: {down}");
        var events = await scope.WaitForEventAsync("web", e => e.Reason == "Scaled" && e.Message.Contains("→ 2", StringComparison.Ordinal), Waits.Report, "Scaled … → 2");
        Assert.DoesNotContain(events, e => e.Type == "Warning");
    }
}
