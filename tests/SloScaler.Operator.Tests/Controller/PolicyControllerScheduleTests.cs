using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Tests.Controller.Support;

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

        await h.Time.ArmedAtAsync(SomeSpec.T0 + phase, "the policy waits for its slot");
        if (phase > Tick)
        {
            h.Time.Advance(phase - Tick);
            Assert.Equal(0, h.Sink.Count); // parked on a timer not yet due: nothing else can start a reconcile
        }
        h.Time.SetUtcNow(SomeSpec.T0 + phase);
        await h.Reported(1);
        for (var k = 1; k <= 3; k++)
        {
            await h.Time.ArmedAtAsync(SomeSpec.T0 + phase + (k * Interval), $"slot {k} armed");
            h.Time.Advance(Interval);
            await h.Reported(k + 1);
        }
        await h.Time.ArmedAtAsync(SomeSpec.T0 + phase + (4 * Interval), "parked on the fifth slot");

        var times = h.Sink.Reports.Select(r => r.Status.LastDecision!.Time!.Value).ToList();
        Assert.Equal([.. Enumerable.Range(0, 4).Select(k => SomeSpec.T0 + phase + (k * Interval))], times); // one reconcile per slot
    }

    [Fact]
    public async Task Run_ManyPolicies_TicksSpreadOverTheInterval()
    {
        await using var h = new ControllerHarness().Start();
        for (var i = 0; i < 40; i++) h.Source.Upsert($"p{i}", SomeSpec.Valid($"t{i}"), status: SomeSpec.Observed());
        await h.Cached(40);
        await h.Parked(40);

        for (var step = 0; step < 40; step++)
        {
            h.Time.Advance(Interval / 40); // in steps, so each tick reads the time it fired at
            await h.Parked(40); // the ticks that fired have reported and wait for their next slot
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
        await h.Parked();
        Assert.Equal(0, h.Sink.Count); // an observed policy waits for its slot

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
        var key = new PolicyKey("shop", "checkout");
        await Eventually.True(() => h.Controller.StoredStatusOf(key)?.CurrentReplicas == 9, "the status-only update is taken");
        var slot = SomeSpec.T0 + h.PhaseOf("checkout");
        await h.Time.ArmedAtAsync(slot, "the policy waits for its slot");

        // Positive control: it does reconcile, once, at its slot. Had the update woken it, the first
        // decision would be dated T0 (the update), not the slot.
        h.Time.SetUtcNow(slot);
        await h.Reported(1);
        await h.Time.ArmedAtAsync(slot + Interval, "parked on the next slot");
        var report = Assert.Single(h.Sink.Reports);
        Assert.Equal(slot, report.Status.LastDecision!.Time);
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

        Assert.Empty(h.Time.Armed); // its loop has ended (the observer is told only then): no timer left to fire
        Assert.Equal(1, h.Sink.Count);
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

        await h.Parked();
        h.Time.Advance(Interval);
        await h.Reported(2);
        await h.Parked();
        Assert.Equal(2, h.Sink.Count); // once per interval, no more
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

        await h.Parked();
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

        await h.Parked();
        h.Time.Advance(Interval);
        await h.Reported(1);

        Assert.False(h.Sink.Reports[0].Material); // it continued from the stored status, not from nothing
    }
}
