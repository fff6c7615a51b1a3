using System.Text.Json.Nodes;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>Someone else writes the target's replicas or the policy's status while the operator runs: its decision holds, nothing it wrote is lost.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConflictingWritesTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    /// <summary>Three evaluation intervals.</summary>
    private static readonly TimeSpan AfterScale = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan StormBound = TimeSpan.FromSeconds(60);

    [EndToEndFact]
    public async Task SomeoneElseScalesTheTarget_OperatorPutsItsDecisionBack_AndSaysSo()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "conflict-scale");
        var ns = scope.Namespace;
        await ns.CreateDeploymentAsync("web", replicas: 1);
        var instance = await scope.StartOperatorAsync();
        await scope.UseSteadyLoadAsync();
        await ns.CreatePolicyAsync(scope.Policy("web", "web"));
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        var first = await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 5, LastScaleTime: not null }, Waits.Report, "status at 5");

        // Scaled down behind the operator's back, twice, while status writes race with its own.
        await ns.ScaleAsync("web", 2);
        await scope.WaitForEventAsync("web", e => e.Reason == "Scaled" && e.Message.Contains("Deployment/web 2 → 5", StringComparison.Ordinal), Waits.Scale,
            "Scaled 2 → 5 after another client set 2");
        await scope.WaitForReplicasAsync("web", 5, Waits.Report);
        await ns.ScaleAsync("web", 3);
        await scope.WaitForEventAsync("web", e => e.Reason == "Scaled" && e.Message.Contains("Deployment/web 3 → 5", StringComparison.Ordinal), Waits.Scale,
            "Scaled 3 → 5 after another client set 3");
        await scope.WaitForReplicasAsync("web", 5, Waits.Report);

        var settled = await scope.WaitForPolicyAsync("web",
            p => p.Status is { DesiredReplicas: 5, CurrentReplicas: 5 } && p.Status.LastScaleTime > first.Status!.LastScaleTime
                 && p.Has(ConditionTypes.Ready, "True", ConditionReasons.Reconciled),
            Waits.Report, "status at 5 with the later scale recorded");
        Assert.Equal(settled.Generation, settled.Status!.ObservedGeneration);
        Assert.False(instance.HasExited, instance.LogTail());
    }

    [EndToEndFact]
    public async Task SomeoneElseWritesThePolicyStatus_OperatorRestoresItsOwn_NothingLost()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "conflict-status");
        var ns = scope.Namespace;
        await ns.CreateDeploymentAsync("web", replicas: 1);
        var instance = await scope.StartOperatorAsync();
        await scope.UseSteadyLoadAsync();
        await ns.CreatePolicyAsync(scope.Policy("web", "web"));
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        var before = await scope.WaitForPolicyAsync("web", p => p.Status is { DesiredReplicas: 5, CurrentReplicas: 5 } && p.Has(ConditionTypes.Ready, "True"),
            Waits.Report, "status at 5");

        // Foreign status writes (another controller, a person with kubectl) every 100 ms, while the
        // target is scaled behind the operator's back and it scales back; they go on for three more
        // intervals after that. Each write's answer from the API server shows it landed.
        using var stop = new CancellationTokenSource(StormBound);
        var storm = WriteForeignStatusAsync(ns, stop.Token);
        int foreignWrites;
        try
        {
            await ns.ScaleAsync("web", 3);
            await scope.WaitForEventAsync("web", e => e.Reason == "Scaled" && e.Message.Contains("Deployment/web 3 → 5", StringComparison.Ordinal), Waits.Scale,
                "Scaled 3 → 5 during the storm");
            await scope.WaitForReplicasAsync("web", 5, Waits.Report);
            await Task.Delay(AfterScale);
        }
        finally
        {
            await stop.CancelAsync();
            foreignWrites = await storm;
        }
        output.WriteLine($"{foreignWrites} foreign status writes stored");
        Assert.True(foreignWrites > 0, "no foreign status write was stored, so nothing was there to restore");

        // The last word in the status is the operator's: its decision, its conditions, the scale it made.
        var settled = await scope.WaitForPolicyAsync("web",
            p => p.Status is { DesiredReplicas: 5, CurrentReplicas: 5, LastDecision.To: 5 }
                 && p.Has(ConditionTypes.Ready, "True", ConditionReasons.Reconciled)
                 && p.Has(ConditionTypes.MetricsAvailable, "True")
                 && p.Status.LastScaleTime > before.Status!.LastScaleTime,
            Waits.Report, "the operator's own status back after the foreign writes, with the scale made meanwhile");
        Assert.DoesNotContain(settled.Status!.Conditions!, c => c.Reason == "SomeoneElse");
        Assert.Equal(settled.Generation, settled.Status.ObservedGeneration);
        Assert.False(instance.HasExited, instance.LogTail());
    }

    /// <summary>Merge-patches a foreign status every 100 ms until cancelled; returns how many the API server stored as written.</summary>
    private static async Task<int> WriteForeignStatusAsync(TestNamespace ns, CancellationToken stop)
    {
        var writes = 0;
        while (!stop.IsCancellationRequested)
        {
            var stored = await ns.PatchPolicyStatusAsync("web", new JsonObject
            {
                ["desiredReplicas"] = 1,
                ["lastDecision"] = new JsonObject { ["to"] = 1, ["reason"] = "written by someone else" },
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["reason"] = "SomeoneElse", ["message"] = "foreign" }),
            });
            if (stored.Contains("written by someone else", StringComparison.Ordinal)) writes++;
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return writes;
    }
}
