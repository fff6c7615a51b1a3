using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Tests.Controller.Support;

namespace SloScaler.Operator.Tests.Controller;

public sealed class PolicyControllerRobustnessTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Run_OnePolicyThrows_OthersKeepTicking()
    {
        await using var h = new ControllerHarness().Start();
        h.Targets.Throws = "shop/broken";
        h.Source.Upsert("bad", SomeSpec.Valid("broken"));
        h.Source.Upsert("good");
        await h.Reported(1);
        await Eventually.True(() => h.Controller.ErrorCount == 1, "the failure is counted");

        await h.Parked(2);
        h.Time.Advance(Interval);
        await Eventually.True(() => h.Sink.For("good").Count == 2, "the good policy ticks on");
        await Eventually.True(() => h.Controller.ErrorCount == 2, "the bad policy is retried at its next tick");

        Assert.Empty(h.Sink.For("bad"));
        Assert.Equal([new PolicyKey("shop", "bad"), new PolicyKey("shop", "bad")], h.Observer.Failed);
        Assert.False(h.Run.IsCompleted);
    }

    [Fact]
    public async Task Run_ManyPoliciesDueAtOnce_NeverExceedsTheConcurrencyBound()
    {
        await using var h = new ControllerHarness(new PolicyControllerOptions { MaxConcurrentReconciles = 3, MaxJitter = TimeSpan.Zero }).Start();
        h.Targets.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 12; i++) h.Source.Upsert($"p{i}", SomeSpec.Valid($"t{i}"));

        await Eventually.True(() => h.Targets.Inside == 3, "three reconciles in flight");
        Assert.Equal(3, h.Controller.InFlight); // every slot is taken: the other nine wait for one
        h.Targets.Gate.SetResult();
        await h.Reported(12);

        Assert.Equal(3, h.Targets.MaxInside);
    }

    [Fact]
    public async Task Run_Stopped_LetsTheReconcileInFlightFinish()
    {
        await using var h = new ControllerHarness(new PolicyControllerOptions { DrainTimeout = TimeSpan.FromSeconds(30), MaxJitter = TimeSpan.Zero }).Start();
        h.Targets.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Source.Upsert("checkout");
        await Eventually.True(() => h.Targets.Inside == 1, "a reconcile in flight");

        await h.StopAsync();
        await h.Time.ArmedAtAsync(h.Time.GetUtcNow() + TimeSpan.FromSeconds(30), "the drain waits for the reconcile in flight");
        Assert.False(h.Run.IsCompleted); // stopping waits for it
        h.Targets.Gate.SetResult();
        await h.Run.WaitAsync(Eventually.Bound);

        Assert.Equal(1, h.Sink.Count);
        h.Time.Advance(Interval * 3);
        Assert.Empty(h.Time.Armed); // every loop has ended: no tick after stopping
        Assert.Equal(1, h.Sink.Count);
    }

    [Fact]
    public async Task Run_StoppedAndDrainTimesOut_CancelsTheReconcile()
    {
        await using var h = new ControllerHarness(new PolicyControllerOptions { DrainTimeout = TimeSpan.FromSeconds(5), MaxJitter = TimeSpan.Zero }).Start();
        h.Targets.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Source.Upsert("checkout");
        await Eventually.True(() => h.Targets.Inside == 1, "a reconcile in flight");

        await h.StopAsync();
        var drainEnds = h.Time.GetUtcNow() + TimeSpan.FromSeconds(5);
        await h.Time.ArmedAtAsync(drainEnds, "the drain waits for the reconcile in flight");
        Assert.False(h.Run.IsCompleted);
        h.Time.SetUtcNow(drainEnds);

        await h.Run.WaitAsync(Eventually.Bound); // the drain is bounded
        Assert.Equal(0, h.Sink.Count);
        Assert.Equal(0, h.Controller.ErrorCount); // cancellation on shutdown is not a failure
    }

    [Fact]
    public async Task Run_Aborted_CancelsTheReconcileInFlightAtOnce()
    {
        await using var h = new ControllerHarness(new PolicyControllerOptions { DrainTimeout = TimeSpan.FromMinutes(5), MaxJitter = TimeSpan.Zero }).Start();
        h.Targets.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Source.Upsert("checkout");
        await Eventually.True(() => h.Targets.Inside == 1, "a reconcile in flight");

        await h.AbortAsync();
        await h.Run.WaitAsync(Eventually.Bound);

        Assert.Equal(0, h.Sink.Count);
    }

    [Fact]
    public async Task HasSynced_SourceThatKnows_FollowsTheSource()
    {
        var source = new ListedPolicySource(new PolicySnapshot(new PolicyKey("shop", "a"), 1, "1", null, SomeSpec.Valid(), null));
        await using var h = new ControllerHarness(source: source);
        Assert.False(h.Controller.HasSynced);
        h.Start();

        await Eventually.True(() => h.Controller.HasSynced, "synced once the source says so");
    }

    [Fact]
    public async Task HasSynced_SourceThatCannotSay_TrueOnceTheStreamIsQuiet()
    {
        await using var h = new ControllerHarness(new PolicyControllerOptions { SyncQuietPeriod = TimeSpan.FromSeconds(2) }).Start();
        h.Source.Upsert("a");
        await h.Cached(1);
        Assert.False(h.Controller.HasSynced);

        h.Time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(h.Controller.HasSynced);
    }

    [Fact]
    public async Task HasSynced_StreamNeverQuiet_TrueAfterTheMaxWait()
    {
        var options = new PolicyControllerOptions { SyncQuietPeriod = TimeSpan.FromSeconds(2), SyncMaxWait = TimeSpan.FromSeconds(10), MaxJitter = TimeSpan.Zero };
        await using var h = new ControllerHarness(options).Start();
        for (var i = 0; i < 10; i++)
        {
            h.Source.Upsert($"p{i}", SomeSpec.Valid($"t{i}"), status: SomeSpec.Observed());
            await h.Cached(i + 1);
            Assert.False(h.Controller.HasSynced, $"synced too early, after {i} s");
            h.Time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(h.Controller.HasSynced);
    }

    [Fact]
    public async Task Run_PolicyRecreatedUnderTheSameName_StartsFromItsOwnStatus()
    {
        await using var h = new ControllerHarness().Start();
        h.Source.Upsert(new PolicySnapshot(new PolicyKey("shop", "checkout"), 1, "1", "uid-old", SomeSpec.Valid(), null));
        await h.Reported(1);

        h.Source.Upsert(new PolicySnapshot(new PolicyKey("shop", "checkout"), 1, "9", "uid-new", SomeSpec.Valid(), null));

        await h.Reported(2); // at once, though the generation is the same
        Assert.True(h.Sink.Reports[1].Material); // from the new object's (empty) status, not the old one's
    }
}
