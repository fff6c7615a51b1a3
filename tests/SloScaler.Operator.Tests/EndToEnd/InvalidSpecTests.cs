using SloScaler.Core.Reconcile;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>A policy the API server accepts but the operator cannot act on is reported, not acted on; the others carry on.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class InvalidSpecTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    [EndToEndFact]
    public async Task InvalidPolicy_SpecValidFalseWithTheFieldMessage_NothingScaled_OtherPoliciesKeepScaling()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "invalid");
        var ns = scope.Namespace;
        await ns.CreateDeploymentAsync("bad", replicas: 1);
        await ns.CreateDeploymentAsync("good", replicas: 1);
        await scope.StartOperatorAsync();
        await scope.UseSteadyLoadAsync();
        await using var badReplicas = ReplicaHistory.Start(ns, "bad");

        // Each field alone passes the CRD's schema; together they make no sense.
        await ns.CreatePolicyAsync(scope.Policy("bad", "bad") with { MinReplicas = 3, MaxReplicas = 2 });
        await ns.CreatePolicyAsync(scope.Policy("good", "good"));

        var bad = await scope.WaitForPolicyAsync("bad", p => p.Has(ConditionTypes.SpecValid, "False", ConditionReasons.InvalidSpec), Waits.Report,
            "SpecValid=False/InvalidSpec");
        Assert.Contains("spec.maxReplicas: 2 is less than spec.minReplicas (3)", bad.Condition(ConditionTypes.SpecValid)!.Message);
        Assert.True(bad.Has(ConditionTypes.Ready, "False", ConditionReasons.InvalidSpec), $"Ready is not False/InvalidSpec: {bad}");
        Assert.Equal(bad.Generation, bad.Status!.ObservedGeneration);
        Assert.Null(bad.Status.DesiredReplicas);
        var events = await scope.WaitForEventAsync("bad", e => e is { Type: "Warning", Reason: ConditionReasons.InvalidSpec }, Waits.Report, "Warning/InvalidSpec");
        Assert.Contains("spec.maxReplicas: 2 is less than spec.minReplicas (3)", Assert.Single(events).Message);

        await scope.WaitForReplicasAsync("good", 5, Waits.Scale);
        await scope.WaitForPolicyAsync("good", p => p.Has(ConditionTypes.Ready, "True") && p.Status?.DesiredReplicas == 5, Waits.Report, "the valid policy Ready at 5");

        await Eventually.HoldsAsync(() => ns.ReplicasAsync("bad"), r => r == 1, Waits.Quiet, "Deployment bad at 1 replica");
        Assert.All(badReplicas.Samples, s => Assert.Equal(1, s.Replicas));
        Assert.Single(await ns.EventsAsync("bad")); // reported once, not every interval
    }
}
