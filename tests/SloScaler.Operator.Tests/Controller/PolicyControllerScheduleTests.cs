using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Tests.Controller.Support;
using SloScaler.Testing.Fakes;
using SloScaler.Testing.Builders;
using SloScaler.Testing.Waiting;

namespace SloScaler.Operator.Tests.Controller;

public sealed class PolicyControllerScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Run_ObservedPolicy_TicksEveryIntervalOnItsPhase()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert("checkout", status: SomeSpec.Observed());
        await h.Cached(1);
        var phase = h.PhaseOf("checkout");
        Assert.InRange(phase, TimeSpan.Zero, Interval - Tick);

        if (phase > Tick)
        {
            h.Time.Advance(phase - Tick);
            await Eventually.Still(() => h.Sink.Count == 0, "no reconcile before the policy's slot");
        }
        h.Time.SetUtcNow(SomeSpec.T0 + phase);
        await h.Reported(1);
        for (var k = 1; k <= 3; k++)
        {
            h.Time.Advance(Interval);
            await h.Reported(k + 1);
        }

        var times = h.Sink.Reports.Select(r => r.Status.LastDecision!.Time!.Value).ToList();
        Assert.Equal([.. Enumerable.Range(0, 4).Select(k => SomeSpec.T0 + phase + (k * Interval))], times);
        await Eventually.Still(() => h.Sink.Count == 4, "one reconcile per slot");
    }

    [Fact]
    public async Task Run_ManyPolicies_TicksSpreadOverTheInterval()
    {
        await using var h = new ControllerHarness().Start();
        for (var i = 0; i < 40; i++) h.Source.Upsert($"p{i}", SomeSpec.Valid($"t{i}"), status: SomeSpec.Observed());
        await h.Cached(40);

        for (var step = 0; step < 40; step++)
        {
            h.Time.Advance(Interval / 40); // in steps, so each tick reads the time it fired at
            await Task.Delay(5);
        }
        await h.Reported(40);

        var seconds = h.Sink.Reports.Select(r => (r.Status.LastDecision!.Time!.Value - SomeSpec.T0).TotalSeconds).ToList();
        Assert.True(seconds.Select(s => (int)s).Distinct().Count() >= 6, $"ticks bunched on a few seconds: {string.Join(", ", seconds)}");
    }

    [Fact]
    public async Task Run_NewPolicyNotYetObserved_ReconcilesAtOnce()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert("checkout", generation: 3);

        await h.Reported(1);
        Assert.Equal(SomeSpec.T0, h.Sink.Reports[0].Status.LastDecision!.Time);
        Assert.Equal(3, h.Sink.Reports[0].Status.ObservedGeneration);
    }

    [Fact]
    public async Task Run_GenerationChanges_ReconcilesAtOnce()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert("checkout", status: SomeSpec.Observed());
        await h.Cached(1);
        await Eventually.Still(() => h.Sink.Count == 0, "an observed policy waits for its slot");

        h.Source.Upsert("checkout", SomeSpec.Valid() with { MaxReplicas = 3 }, generation: 2, status: SomeSpec.Observed());

        await h.Reported(1);
        var report = h.Sink.Reports[0];
        Assert.Equal(2, report.Status.ObservedGeneration);
        Assert.Equal(3, report.Status.DesiredReplicas); // the new spec was used
        Assert.Equal(SomeSpec.T0, report.Status.LastDecision!.Time);
    }

    [Fact]
    public async Task Run_SameGenerationAgain_DoesNotReconcileEarly()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert("checkout", status: SomeSpec.Observed());
        h.Source.Upsert("checkout", status: SomeSpec.Observed() with { CurrentReplicas = 9 }); // e.g. our own status write coming back
        await h.Cached(1);

        await Eventually.Still(() => h.Sink.Count == 0, "a status-only update is not a spec change");
    }

    [Fact]
    public async Task Run_PolicyDeleted_StopsItsTicksAndForgetsIt()
    {
        await using var h = new ControllerHarness().Start();
        var snapshot = h.Source.Upsert("checkout");
        await h.Reported(1);

        h.Source.Delete(snapshot);
        await h.Cached(0);
        await Eventually.True(() => h.Observer.Deleted.Contains(snapshot.Key), "the observer is told, so its series go");
        h.Time.Advance(Interval * 6);

        await Eventually.Still(() => h.Sink.Count == 1, "no tick after deletion");
    }

    [Fact]
    public async Task Run_InvalidSpec_ReportsSpecValidFalseAtOnceThenOnlyAtItsInterval()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert("bad", SomeSpec.Invalid());

        await h.Reported(1);
        var first = h.Sink.Reports[0];
        Assert.Equal("False", Conditions.Find(first.Status.Conditions, ConditionTypes.SpecValid)!.Status);
        Assert.Equal("InvalidSpec", Assert.Single(first.Events).Reason);
        Assert.True(first.Material);
        await h.Echo(first, SomeSpec.Invalid());

        h.Time.Advance(Interval);
        await h.Reported(2);
        await Eventually.Still(() => h.Sink.Count == 2, "once per interval, no more");
        var again = h.Sink.Reports[1];
        Assert.Empty(again.Events);
        Assert.False(again.Material);
    }

    [Fact]
    public async Task Run_StatusKeptInMemory_IsWhatTheNextTickStartsFrom()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert("checkout");
        await h.Reported(1);
        Assert.True(h.Sink.Reports[0].Material);
        await h.Echo(h.Sink.Reports[0]); // the watch delivers what was written

        h.Time.Advance(Interval);
        await h.Reported(2);

        // Nothing material changed against the API's copy, and the engine went on from the status in memory.
        Assert.False(h.Sink.Reports[1].Material);
        Assert.Equal(h.Sink.Reports[0].Status.LastDecision!.To, h.Sink.Reports[1].Status.CurrentReplicas);
    }

    [Fact]
    public async Task Run_AfterRestart_StartsFromTheApiStatus()
    {
        await using var h = new ControllerHarness();
        var before = await new ReconcileStep(h.Metrics, h.Targets, new RecordingStatusSink(), h.Time)
            .RunAsync(new PolicyKey("shop", "checkout"), 1, SomeSpec.Valid(), null, false, CancellationToken.None);
        h.Start();
        h.Source.Upsert("checkout", status: before.Report.Status);
        await h.Cached(1);

        h.Time.Advance(Interval);
        await h.Reported(1);

        Assert.False(h.Sink.Reports[0].Material); // it continued from the stored status, not from nothing
    }
}
