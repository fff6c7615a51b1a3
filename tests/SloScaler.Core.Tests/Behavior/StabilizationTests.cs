using SloScaler.Core.Behavior;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Behavior;

public sealed class StabilizationTests
{
    // Rows follow horizontal_test.go's TestNormalizeDesiredReplicasWithBehavior; the history is
    // "replicas@seconds" relative to now, windows in seconds.
    [Theory]
    [InlineData("", 0, 0, 100, 5, 5, StageReasons.DesiredWithinRange)]
    [InlineData("4@-120 5@-60", 0, 180, 100, 3, 5, StageReasons.ScaleDownStabilized)]
    [InlineData("4@-120 5@-60", 300, 0, 1, 7, 4, StageReasons.ScaleUpStabilized)]
    [InlineData("1@-120 2@-60", 300, 0, 100, 3, 3, StageReasons.DesiredWithinRange)]
    [InlineData("4@-120 5@-60", 0, 300, 1, 3, 3, StageReasons.DesiredWithinRange)]
    [InlineData("10@-600 9@-540", 0, 0, 100, 3, 3, StageReasons.DesiredWithinRange)]
    [InlineData("10@-600 9@-540", 0, 0, 1, 100, 100, StageReasons.DesiredWithinRange)]
    [InlineData("10@-600 4@-60 5@-120 9@-540", 0, 180, 100, 3, 5, StageReasons.ScaleDownStabilized)]
    // Only 6, 5 and 9 are inside the 300 s scale-up window: the floor is 5.
    [InlineData("10@-6000 6@-60 5@-120 9@-180", 300, 0, 1, 100, 5, StageReasons.ScaleUpStabilized)]
    // Floor min(3, 1) = 1, ceiling max(3, 1) = 3: the current 2 is already inside, so it stays.
    [InlineData("2@-6000 3@-180", 300, 300, 2, 1, 2, StageReasons.ScaleDownStabilized)]
    [InlineData("2@-6000 1@-180", 300, 300, 2, 3, 2, StageReasons.ScaleUpStabilized)]
    public void Apply_HpaScenario_GivesHpaResult(
        string history, double upWindow, double downWindow, int current, int desired, int expected, string reason)
    {
        var behavior = Windows(upWindow, downWindow);
        var state = Replayed(behavior, History(history));

        var (outcome, _) = Stabilization.Apply(current, desired, behavior, state, T0);

        Assert.Equal(expected, outcome.Replicas);
        Assert.Equal(reason, outcome.Reason);
    }

    // "Newer than the window" is strictly after now − window.
    [Theory]
    [InlineData("9@-300", 0, 300, 9, 3, 3)]
    [InlineData("9@-299", 0, 300, 9, 3, 9)]
    [InlineData("2@-60", 60, 0, 2, 8, 8)]
    [InlineData("2@-59", 60, 0, 2, 8, 2)]
    [InlineData("5@0", 0, 0, 10, 3, 3)]
    public void Apply_RecommendationAtWindowEdge_CountsOnlyWhenStrictlyNewer(
        string history, double upWindow, double downWindow, int current, int desired, int expected)
    {
        var behavior = Windows(upWindow, downWindow);

        var (outcome, _) = Stabilization.Apply(current, desired, behavior, Replayed(behavior, History(history)), T0);

        Assert.Equal(expected, outcome.Replicas);
    }

    [Fact]
    public void Apply_WindowExpires_ReleasesHold()
    {
        var behavior = Windows(0, 300);
        var state = Stabilization.Apply(10, 10, behavior, BehaviorState.Empty, At(0)).State;

        var held = Stabilization.Apply(10, 2, behavior, state, At(299));
        var released = Stabilization.Apply(10, 2, behavior, held.State, At(300));

        Assert.Equal(10, held.Outcome.Replicas);
        Assert.Equal(2, released.Outcome.Replicas);
    }

    [Fact]
    public void Apply_SeededWithCurrentLikeHpa_HoldsFirstScaleDown()
    {
        // HPA records the current replicas the first time it sees a target; desired = current does the same here.
        var seeded = Stabilization.Apply(10, 10, ScalingBehavior.Default, BehaviorState.Empty, T0).State;

        var (outcome, _) = Stabilization.Apply(10, 2, ScalingBehavior.Default, seeded, T0);

        Assert.Equal(10, outcome.Replicas);
        Assert.Equal(StageReasons.ScaleDownStabilized, outcome.Reason);
    }

    [Fact]
    public void Apply_ZeroWindows_KeepsNoHistory()
    {
        var (_, state) = Stabilization.Apply(4, 9, Windows(0, 0), BehaviorState.Empty, T0);

        Assert.Equal(BehaviorState.Empty, state);
    }

    [Fact]
    public void Apply_FallingRecommendationsEvery15s_KeepsAtMostWindowOverInterval()
    {
        // The worst case for the scale-down deque: every new recommendation is lower, so none is dominated.
        var state = BehaviorState.Empty;
        for (var i = 0; i < 240; i++)
        {
            state = Stabilization.Apply(1000, 1000 - i, ScalingBehavior.Default, state, At(15 * i)).State;
            Assert.True(state.DownWindow.Count <= 20, $"{state.DownWindow.Count} entries after {i + 1} steps");
        }
        Assert.Equal(20, state.DownWindow.Count);
        Assert.Empty(state.UpWindow);
    }

    [Fact]
    public void Apply_RisingRecommendations_KeepsOnlyNewestForDownWindow()
    {
        var state = BehaviorState.Empty;
        for (var i = 0; i < 50; i++) state = Stabilization.Apply(1, 1 + i, ScalingBehavior.Default, state, At(15 * i)).State;

        Assert.Equal([new TimedReplicas(At(15 * 49), 50)], state.DownWindow);
    }

    [Fact]
    public void Apply_SameInputs_GivesEqualStates()
    {
        var behavior = Windows(60, 300);
        var a = Replayed(behavior, History("5@-100 3@-50 4@-10"));
        var b = Replayed(behavior, History("5@-100 3@-50 4@-10"));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(BehaviorState.Empty, new BehaviorState([], [], [], []));
    }
}
