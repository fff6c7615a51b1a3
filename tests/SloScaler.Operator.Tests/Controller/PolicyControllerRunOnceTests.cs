using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Tests.Controller.Support;

namespace SloScaler.Operator.Tests.Controller;

public sealed class PolicyControllerRunOnceTests
{
    private static PolicySnapshot Policy(string name, Core.Policy.ScalingPolicySpec? spec = null, string ns = "shop") =>
        new(new PolicyKey(ns, name), 1, "1", null, spec ?? SomeSpec.Valid(name), null);

    [Fact]
    public async Task RunOnceAsync_ListedPolicies_ReconcilesEachOnceSortedByKey()
    {
        var source = new ListedPolicySource(Policy("b"), Policy("a", SomeSpec.Invalid()), Policy("c", ns: "api"));
        await using var h = new ControllerHarness(new PolicyControllerOptions { DryRun = true }, source);
        h.Metrics.Answers[SomeSpec.LoadQuery] = Core.Observations.MetricReading.Of(2000); // would scale up

        var results = await h.Controller.RunOnceAsync(CancellationToken.None);

        Assert.Equal(["api/c", "shop/a", "shop/b"], results.Select(r => r.Key.ToString()));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(1, source.Lists);
        Assert.Equal(3, h.Sink.Count);
        Assert.Empty(h.Targets.Writes); // dry-run
        Assert.Null(results[1].Outcome!.Report.Decision);
        Assert.True(results[2].Outcome!.Report.Decision!.Changes);
        Assert.True(results[2].Outcome!.Report.DryRun);
    }

    [Fact]
    public async Task RunOnceAsync_ReconcileThrows_ReturnsTheErrorForThatPolicyOnly()
    {
        var source = new ListedPolicySource(Policy("a"), Policy("b"));
        await using var h = new ControllerHarness(source: source);
        h.Targets.Throws = "shop/a";

        var results = await h.Controller.RunOnceAsync(CancellationToken.None);

        Assert.IsType<InvalidOperationException>(results[0].Error);
        Assert.NotNull(results[1].Outcome);
    }

    [Fact]
    public async Task RunOnceAsync_SourceWithoutListing_TakesTheStreamsFirstBurst()
    {
        await using var h = new ControllerHarness(new PolicyControllerOptions { SyncQuietPeriod = TimeSpan.FromSeconds(2) });
        h.Source.Upsert("a");
        var gone = h.Source.Upsert("b");
        h.Source.Delete(gone);
        h.Source.Upsert("c");

        var run = h.Controller.RunOnceAsync(CancellationToken.None);
        // Every change has gone through the stream (it waits for more); then the listing is quiet once its timer runs out.
        await Eventually.True(() => h.Source.Drained, "the stream's burst is read");
        while (true)
        {
            var quietTimer = h.Time.ArmedAheadAsync(1, "the listing waits for the stream to be quiet");
            if (await Task.WhenAny(run, quietTimer) == run) break;
            await quietTimer;
            h.Time.Advance(TimeSpan.FromSeconds(2));
        }
        var results = await run;

        Assert.Equal(["shop/a", "shop/c"], results.Select(r => r.Key.ToString()));
    }
}
