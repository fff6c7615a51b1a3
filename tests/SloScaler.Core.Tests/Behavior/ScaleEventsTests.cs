using SloScaler.Core.Behavior;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Behavior;

public sealed class ScaleEventsTests
{
    [Fact]
    public void Record_SameReplicas_LeavesStateUnchanged()
    {
        var state = BehaviorState.Empty with { ScaleUpEvents = [new TimedReplicas(At(-10), 3)] };

        Assert.Same(state, ScaleEvents.Record(state, ScalingBehavior.Default, 5, 5, T0));
    }

    [Fact]
    public void Record_ScaleUpAndDown_StoresChangePerDirection()
    {
        var state = ScaleEvents.Record(BehaviorState.Empty, ScalingBehavior.Default, 5, 9, At(0));
        state = ScaleEvents.Record(state, ScalingBehavior.Default, 9, 7, At(5));

        Assert.Equal([new TimedReplicas(At(0), 4)], state.ScaleUpEvents);
        Assert.Equal([new TimedReplicas(At(5), 2)], state.ScaleDownEvents);
    }

    [Theory]
    // Longest period 60 s in both directions: events at or before now − 60 s can never count again.
    [InlineData("7@-61 6@-59", "6@-59 5@0")]
    [InlineData("7@-60 6@-30", "6@-30 5@0")]
    [InlineData("8@-29 6@-59 7@-61 9@-61", "8@-29 6@-59 5@0")]
    [InlineData("", "5@0")]
    public void Record_EventsOlderThanLongestPeriod_ArePruned(string before, string after)
    {
        var behavior = BehaviorOf(up: "10 pods/60s, 100%/30s", down: "100%/60s");
        var state = BehaviorState.Empty with { ScaleUpEvents = History(before) };

        var recorded = ScaleEvents.Record(state, behavior, 10, 15, T0);

        Assert.Equal(History(after), recorded.ScaleUpEvents);
    }

    [Fact]
    public void Record_OtherDirectionReadsLonger_KeepsEventForIt()
    {
        // A scale-up 200 s ago still moves the start of a 300 s scale-down period.
        var behavior = BehaviorOf(up: "4 pods/60s", down: "10%/300s");
        var state = ScaleEvents.Record(BehaviorState.Empty, behavior, 10, 14, At(-200));

        state = ScaleEvents.Record(state, behavior, 14, 13, T0);

        Assert.Equal([new TimedReplicas(At(-200), 4)], state.ScaleUpEvents);
        // Period start 13 − 4 + 1 = 10: 10% of 10 leaves 9.
        Assert.Equal(9, RateLimits.Apply(13, 1, 1, 100, behavior, state, T0).Replicas);
    }

    [Fact]
    public void Record_DefaultBehaviorEvery15s_KeepsOnlyCurrentPeriod()
    {
        var state = BehaviorState.Empty;
        for (var i = 0; i < 100; i++) state = ScaleEvents.Record(state, ScalingBehavior.Default, i + 1, i + 2, At(15 * i));

        Assert.Single(state.ScaleUpEvents);
    }
}
