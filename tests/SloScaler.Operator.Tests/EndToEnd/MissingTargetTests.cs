using SloScaler.Core.Reconcile;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>A policy whose target does not exist (yet, or any more) is reported and waits; it never crashes the operator.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MissingTargetTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    [EndToEndFact]
    public async Task TargetMissingOrDeleted_ReadyFalseTargetNotFound_NoCrash_ScaledOnceItAppears()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "missing");
        var ns = scope.Namespace;
        var instance = await scope.StartOperatorAsync();
        await scope.UseSteadyLoadAsync();
        await ns.CreatePolicyAsync(scope.Policy("web", "web"));

        var missing = await scope.WaitForPolicyAsync("web", p => p.Has(ConditionTypes.Ready, "False", ConditionReasons.TargetNotFound), Waits.Report,
            "Ready=False/TargetNotFound before the Deployment exists");
        Assert.Contains("Deployment/web", missing.Condition(ConditionTypes.Ready)!.Message);
        Assert.True(missing.Has(ConditionTypes.SpecValid, "True"), $"{missing}");
        await scope.WaitForEventAsync("web", e => e is { Type: "Warning", Reason: ConditionReasons.TargetNotFound }, Waits.Report, "Warning/TargetNotFound");
        await AssertAliveAsync(instance);

        await ns.CreateDeploymentAsync("web", replicas: 1);
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        await scope.WaitForPolicyAsync("web", p => p.Has(ConditionTypes.Ready, "True") && p.Status?.DesiredReplicas == 5, Waits.Report, "Ready=True at 5");

        await ns.DeleteDeploymentAsync("web");
        await scope.WaitForPolicyAsync("web", p => p.Has(ConditionTypes.Ready, "False", ConditionReasons.TargetNotFound), Waits.Report,
            "Ready=False/TargetNotFound after the Deployment was deleted");
        await AssertAliveAsync(instance);

        await Eventually.MatchAsync(() => ns.DeploymentAsync("web"), d => d is null, Waits.Report, "the deleted Deployment to be gone", d => $"{d?.Metadata.DeletionTimestamp}");
        await ns.CreateDeploymentAsync("web", replicas: 1);
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        await scope.WaitForPolicyAsync("web", p => p.Has(ConditionTypes.Ready, "True"), Waits.Report, "Ready=True again");
        var events = await ns.EventsAsync("web");
        Assert.Equal(2, events.Count(e => e.Reason == ConditionReasons.TargetNotFound));
        Assert.Equal(2, events.Count(e => e.Reason == "Scaled"));
        await AssertAliveAsync(instance);
    }

    private static async Task AssertAliveAsync(OperatorProcess instance)
    {
        Assert.False(instance.HasExited, $"the operator exited{Environment.NewLine}{instance.LogTail()}");
        Assert.Equal(200, await instance.ProbeAsync("/healthz"));
        Assert.Equal(200, await instance.ProbeAsync("/readyz"));
    }
}
