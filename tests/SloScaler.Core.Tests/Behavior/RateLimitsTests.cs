using SloScaler.Core.Behavior;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Behavior;

public sealed class RateLimitsTests
{
    // Rows follow horizontal_test.go's TestScalingWithRules. Rules are "N pods/Ps, N%/Ps, Min|Max|Disabled"
    // ("" = HPA's default); events "changes/period" spread like generateEventsUniformDistribution
    // ("1,5,9/120s" = +1 at −100 s, +5 at −60 s, +9 at −20 s).
    [Theory]
    [InlineData("", "", "", "", 3, 8, 5, 7, 7, StageReasons.DesiredWithinRange)]
    [InlineData("", "", "", "", 2, 8, 3, 1, 2, StageReasons.TooFewReplicas)]
    [InlineData("", "", "", "", 0, 10, 1, 0, 0, StageReasons.DesiredWithinRange)]
    [InlineData("", "", "", "", 1, 10, 20, 1000, 10, StageReasons.TooManyReplicas)]
    [InlineData("", "", "", "", 100, 150, 100, 1000, 150, StageReasons.TooManyReplicas)]
    // ceil(3 × 1.01) = 4.
    [InlineData("1%/60s", "", "", "", 1, 2000, 3, 1000, 4, StageReasons.ScaleUpLimit)]
    [InlineData("", "20 pods/60s", "", "", 3, 2000, 1000, 3, 980, StageReasons.ScaleDownLimit)]
    // Default scale-up: max(10 + 4, 10 × 2) = 20.
    [InlineData("", "", "", "", 1, 1000, 10, 50, 20, StageReasons.ScaleUpLimit)]
    [InlineData("100 pods/60s, 100%/60s", "", "", "", 1, 1000, 10, 500, 110, StageReasons.ScaleUpLimit)]
    [InlineData("2 pods/60s, 100%/60s", "", "", "", 1, 1000, 10, 500, 20, StageReasons.ScaleUpLimit)]
    [InlineData("100 pods/60s", "", "", "", 1, 1000, 10, 50, 50, StageReasons.DesiredWithinRange)]
    [InlineData("10000 pods/60s", "", "", "", 1, 1000, 10, 50, 50, StageReasons.DesiredWithinRange)]
    [InlineData("30 pods/60s", "", "", "", 1, 1000, 10, 50, 40, StageReasons.ScaleUpLimit)]
    [InlineData("200%/60s", "", "", "", 1, 1000, 10, 50, 30, StageReasons.ScaleUpLimit)]
    [InlineData("", "20 pods/60s, 1%/60s", "", "", 1, 1000, 100, 2, 80, StageReasons.ScaleDownLimit)]
    // Pods gives 98, Percent int(100 × 0.99) = 99: Max picks the larger change, 98.
    [InlineData("", "2 pods/60s, 1%/60s", "", "", 1, 1000, 100, 2, 98, StageReasons.ScaleDownLimit)]
    [InlineData("", "100 pods/60s", "", "", 1, 1000, 10, 0, 1, StageReasons.TooFewReplicas)]
    [InlineData("", "100%/60s", "", "", 5, 1000, 10, 2, 5, StageReasons.TooFewReplicas)]
    [InlineData("", "5 pods/60s", "", "", 1, 1000, 10, 2, 5, StageReasons.ScaleDownLimit)]
    [InlineData("", "50%/60s", "", "", 1, 1000, 10, 5, 5, StageReasons.DesiredWithinRange)]
    [InlineData("300 pods/60s", "", "1,5,9/120s", "", 1, 200, 100, 500, 200, StageReasons.TooManyReplicas)]
    [InlineData("10000%/60s", "", "1,5,9/120s", "", 1, 200, 100, 500, 200, StageReasons.TooManyReplicas)]
    // 120 s ago there were 100 − 15 = 85 replicas; 85 + 5 < 100, and the limit never goes below current.
    [InlineData("5 pods/120s", "", "1,5,9/120s", "", 1, 1000, 100, 500, 100, StageReasons.ScaleUpLimit)]
    [InlineData("150 pods/120s", "", "1,5,9/120s", "", 1, 1000, 100, 500, 235, StageReasons.ScaleUpLimit)]
    [InlineData("200%/120s", "", "1,5,9/120s", "", 1, 1000, 100, 500, 255, StageReasons.ScaleUpLimit)]
    // Period start 6 − 4 + 2 = 4; +300% gives 16.
    [InlineData("300%/300s", "", "4/120s", "2/120s", 1, 1000, 6, 24, 16, StageReasons.ScaleUpLimit)]
    [InlineData("", "", "", "1,5,9/120s", 1, 1000, 10, 5, 5, StageReasons.DesiredWithinRange)]
    [InlineData("", "115 pods/120s", "", "1,5,9/120s", 1, 1000, 100, 0, 1, StageReasons.TooFewReplicas)]
    [InlineData("", "130 pods/120s", "", "1,5,9/120s", 5, 1000, 100, 0, 5, StageReasons.TooFewReplicas)]
    [InlineData("", "100%/120s", "", "1,5,9/120s", 5, 1000, 100, 2, 5, StageReasons.TooFewReplicas)]
    // 100 + 15 − 5 = 110 is above current: hold at 100.
    [InlineData("", "5 pods/120s", "", "1,5,9/120s", 1, 1000, 100, 2, 100, StageReasons.ScaleDownLimit)]
    // (100 + 12) × 50% = 56.
    [InlineData("", "50%/120s", "", "2,4,6/120s", 1, 1000, 100, 0, 56, StageReasons.ScaleDownLimit)]
    // Period start 10 − 2 + 4 = 12; 12 × 50% = 6.
    [InlineData("", "50%/180s", "2/120s", "4/120s", 1, 1000, 10, 1, 6, StageReasons.ScaleDownLimit)]
    [InlineData("", "10%/120s", "", "10,10,10/120s", 1, 1000, 100, 0, 100, StageReasons.ScaleDownLimit)]
    [InlineData("", "1000%/120s", "", "10,10,10/120s", 1, 1000, 10, 5, 5, StageReasons.DesiredWithinRange)]
    [InlineData("1000 pods/60s", "", "8,12,9,11/120s", "", 1, 1000, 100, 200, 200, StageReasons.DesiredWithinRange)]
    [InlineData("1000 pods/120s, 100%/60s", "", "8,12,9,11/120s", "", 1, 1000, 100, 200, 200, StageReasons.DesiredWithinRange)]
    [InlineData("1000 pods/30s, 100%/60s", "", "8,12,9,11/120s", "", 1, 1000, 100, 200, 200, StageReasons.DesiredWithinRange)]
    [InlineData("", "1000 pods/60s", "", "8,12,9,11/120s", 1, 1000, 100, 5, 5, StageReasons.DesiredWithinRange)]
    [InlineData("", "1000 pods/120s, 100%/60s", "", "8,12,9,11/120s", 1, 1000, 100, 5, 5, StageReasons.DesiredWithinRange)]
    [InlineData("", "1000 pods/30s, 100%/60s", "", "8,12,9,11/120s", 1, 1000, 100, 5, 5, StageReasons.DesiredWithinRange)]
    public void Apply_HpaScenario_GivesHpaResult(
        string up, string down, string upEvents, string downEvents, int min, int max, int current, int desired, int expected, string reason)
    {
        var state = BehaviorState.Empty with { ScaleUpEvents = Uniform(upEvents, T0), ScaleDownEvents = Uniform(downEvents, T0) };

        var outcome = RateLimits.Apply(current, desired, min, max, BehaviorOf(up, down), state, T0);

        Assert.Equal(expected, outcome.Replicas);
        Assert.Equal(reason, outcome.Reason);
    }

    // Policy arithmetic and selection without history.
    [Theory]
    // The docs' scaleDown example: 4 pods or 10% per minute, the larger change wins (10% only above 40 replicas).
    [InlineData("", "4 pods/60s, 10%/60s", 80, 10, 72, StageReasons.ScaleDownLimit)]
    [InlineData("", "4 pods/60s, 10%/60s", 30, 10, 26, StageReasons.ScaleDownLimit)]
    // The docs' Min example: 10% or 5 pods per minute, the smaller change wins.
    [InlineData("", "10%/60s, 5 pods/60s, Min", 100, 10, 95, StageReasons.ScaleDownLimit)]
    [InlineData("", "10%/60s, 5 pods/60s, Min", 40, 10, 36, StageReasons.ScaleDownLimit)]
    [InlineData("4 pods/60s, 100%/60s, Min", "", 10, 50, 14, StageReasons.ScaleUpLimit)]
    // Percent up rounds up: ceil(3 × 1.1) = 4; Percent down truncates: int(3 × 0.9) = 2.
    [InlineData("10%/60s", "", 3, 10, 4, StageReasons.ScaleUpLimit)]
    [InlineData("", "10%/60s", 3, 1, 2, StageReasons.ScaleDownLimit)]
    [InlineData("", "10%/60s", 9, 1, 8, StageReasons.ScaleDownLimit)]
    [InlineData("Disabled", "", 5, 10, 5, StageReasons.ScalingDisabled)]
    [InlineData("", "Disabled", 10, 2, 10, StageReasons.ScalingDisabled)]
    [InlineData("4 pods/60s, Disabled", "", 5, 10, 5, StageReasons.ScalingDisabled)]
    public void Apply_PolicySelection_GivesHpaLimit(string up, string down, int current, int desired, int expected, string reason)
    {
        var outcome = RateLimits.Apply(current, desired, 1, 1000, BehaviorOf(up, down), BehaviorState.Empty, T0);

        Assert.Equal(expected, outcome.Replicas);
        Assert.Equal(reason, outcome.Reason);
    }

    [Theory]
    // At maxReplicas a disabled direction is reported as the max that binds, as HPA does.
    [InlineData("Disabled", 1, 10, 10, 20, 10, StageReasons.TooManyReplicas)]
    // Current replicas outside [min, max] (HPA corrects those before this stage) are still clamped.
    [InlineData("", 1, 40, 50, 50, 40, StageReasons.TooManyReplicas)]
    [InlineData("", 2, 40, 0, 0, 2, StageReasons.TooFewReplicas)]
    [InlineData("", 2, 40, 1, 1, 2, StageReasons.TooFewReplicas)]
    public void Apply_LimitsMeetMinMax_ClampsWithHpaReason(string up, int min, int max, int current, int desired, int expected, string reason)
    {
        var outcome = RateLimits.Apply(current, desired, min, max, BehaviorOf(up), BehaviorState.Empty, T0);

        Assert.Equal(expected, outcome.Replicas);
        Assert.Equal(reason, outcome.Reason);
    }

    [Fact]
    public void Apply_EventExactlyOnePeriodOld_NoLongerCounts()
    {
        var behavior = BehaviorOf(up: "4 pods/60s");
        var atEdge = BehaviorState.Empty with { ScaleUpEvents = [new TimedReplicas(At(-60), 4)] };
        var inside = BehaviorState.Empty with { ScaleUpEvents = [new TimedReplicas(At(-59), 4)] };

        Assert.Equal(14, RateLimits.Apply(10, 50, 1, 100, behavior, atEdge, T0).Replicas);
        Assert.Equal(10, RateLimits.Apply(10, 50, 1, 100, behavior, inside, T0).Replicas);
    }
}
