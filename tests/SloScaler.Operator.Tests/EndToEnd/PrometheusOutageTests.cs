using SloScaler.Core.Reconcile;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>Prometheus goes away mid-run: the operator flies blind safely, says so once, and picks up when it returns.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PrometheusOutageTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    [EndToEndFact]
    public async Task PrometheusStopped_NoScaleIn_HoldOrFallback_OneWarning_RecoversWhenItReturns()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "outage");
        var ns = scope.Namespace;
        await ns.CreateDeploymentAsync("hold", replicas: 1);
        await ns.CreateDeploymentAsync("fallback", replicas: 1);
        await scope.StartOperatorAsync();
        await scope.UseSteadyLoadAsync();
        await ns.CreatePolicyAsync(scope.Policy("hold", "hold") with { OnMetricsUnavailable = "{action: Hold, afterFailures: 3}" });
        await ns.CreatePolicyAsync(scope.Policy("fallback", "fallback") with { OnMetricsUnavailable = "{action: Fallback, fallbackReplicas: 7, afterFailures: 3}" });
        await scope.WaitForReplicasAsync("hold", 5, Waits.Scale);
        await scope.WaitForReplicasAsync("fallback", 5, Waits.Scale);
        await using var holdReplicas = ReplicaHistory.Start(ns, "hold");
        await using var fallbackReplicas = ReplicaHistory.Start(ns, "fallback");

        await prometheus.StopAsync();
        try
        {
            // Three failed evaluations (2 s apart), then the policies' actions.
            var held = await scope.WaitForPolicyAsync("hold",
                p => p.Has(ConditionTypes.MetricsAvailable, "False", ConditionReasons.MetricsUnavailable) && p.Status?.LastDecision?.Reason?.Contains("Hold 5", StringComparison.Ordinal) == true,
                Waits.Report, "MetricsAvailable=False and a Hold decision");
            Assert.True(held.Has(ConditionTypes.Ready, "False", ConditionReasons.MetricsUnavailable), $"Ready is not False/MetricsUnavailable: {held}");
            Assert.Contains("refused", held.Condition(ConditionTypes.MetricsAvailable)!.Message, StringComparison.OrdinalIgnoreCase);
            await scope.WaitForReplicasAsync("fallback", 7, Waits.Scale);
            // The status is written after the scale it reports: wait for it rather than read it once.
            var fellBack = await scope.WaitForPolicyAsync("fallback", p => p.Status?.LastDecision?.Reason?.Contains("Fallback to 7", StringComparison.Ordinal) == true,
                Waits.Report, "the Fallback decision in the status");
            Assert.True(fellBack.Has(ConditionTypes.MetricsAvailable, "False", ConditionReasons.MetricsUnavailable), $"{fellBack}");

            await Eventually.HoldsAsync(() => ns.ReplicasAsync("hold"), r => r == 5, Waits.Quiet, "Deployment hold at 5 while Prometheus is down");
        }
        finally
        {
            await prometheus.StartAgainAsync();
        }

        await scope.WaitForPolicyAsync("hold", p => p.Has(ConditionTypes.MetricsAvailable, "True") && p.Has(ConditionTypes.Ready, "True"), Waits.Scale,
            "MetricsAvailable=True and Ready=True once Prometheus is back");
        await scope.WaitForPolicyAsync("fallback", p => p.Has(ConditionTypes.MetricsAvailable, "True") && p.Has(ConditionTypes.Ready, "True"), Waits.Report,
            "MetricsAvailable=True and Ready=True once Prometheus is back");
        foreach (var policy in new[] { "hold", "fallback" })
        {
            var events = await scope.WaitForEventAsync(policy, e => e is { Type: "Normal", Reason: "MetricsAvailableRecovered" }, Waits.Report, "Normal/MetricsAvailableRecovered");
            var warning = Assert.Single(events, e => e.Type == "Warning");
            Assert.Equal(ConditionReasons.MetricsUnavailable, warning.Reason);
            Assert.True((warning.Count ?? 1) <= 1, $"the warning was repeated: {TestNamespace.Describe(events)}");
        }
        Assert.All(holdReplicas.Samples, s => Assert.Equal(5, s.Replicas));
        Assert.All(fallbackReplicas.Samples, s => Assert.True(s.Replicas >= 5, $"fallback scaled in while blind: {fallbackReplicas.Describe()}"));
        Assert.Equal(5, await ns.ReplicasAsync("hold"));
    }
}
