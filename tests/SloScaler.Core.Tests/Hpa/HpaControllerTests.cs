using SloScaler.Core.Behavior;
using SloScaler.Core.Hpa;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Hpa;

public sealed class HpaControllerTests
{
    [Fact]
    public void Step_DefaultBehaviorLoadSurge_GrowsByMaxOfFourPodsAndDoublingPer15s()
    {
        // horizontal_test.go / the docs' default scale-up: +4 pods or +100% per 15 s, whichever is more.
        var hpa = new HpaController(new HpaSpec(1, 100, 10, ScalingBehavior.Default));

        var replicas = Run(hpa, start: 1, steps: 7, total: _ => 10_000);

        Assert.Equal([5, 10, 20, 40, 80, 100, 100], replicas);
    }

    [Fact]
    public void Step_DefaultBehaviorLoadDrop_HoldsFor300sThenDropsAtOnce()
    {
        var hpa = new HpaController(new HpaSpec(1, 100, 10, ScalingBehavior.Default));

        // Demand for 10 replicas until t = 60 s, then for 2.
        var replicas = Run(hpa, start: 10, steps: 26, total: t => t <= 60 ? 100 : 20);

        // The last "10" was recommended at t = 60 s and is strictly newer than now − 300 s until t = 360 s.
        Assert.All(replicas[..24], r => Assert.Equal(10, r));
        Assert.Equal([2, 2], replicas[24..]);
    }

    [Fact]
    public void Step_FirstSync_HoldsCurrentLikeHpaSeed()
    {
        var hpa = new HpaController(new HpaSpec(1, 100, 10, ScalingBehavior.Default));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(20, 10, 10), T0);

        Assert.Equal(10, decision.DesiredReplicas);
        Assert.Equal(StageReasons.ScaleDownStabilized, decision.Reason);
        Assert.Equal(2, decision.Proposal!.Replicas);
    }

    [Fact]
    public void Step_DocsScaleDownPolicies_RemovesTenPercentAboveFortyAndFourPodsBelow()
    {
        // The docs' example: 4 pods or 10% per minute (the larger change), from 80 towards 10.
        var hpa = new HpaController(new HpaSpec(1, 100, 10, BehaviorOf(down: "4 pods/60s, 10%/60s")));

        var replicas = Run(hpa, start: 80, steps: 60, total: _ => 100);

        // One value per minute; 64 × 0.9 = 57.6 keeps 57, 24 × 0.9 = 21.6 loses to 24 − 4 = 20.
        Assert.Equal([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20, 16, 12, 10, 10], replicas.Where((_, i) => i % 4 == 0));
        Assert.Equal([72, 72, 72, 72, 64], replicas[..5]);
    }

    [Fact]
    public void Step_DocsMinPolicy_RemovesAtMostFivePerMinute()
    {
        // The docs' example: 10% or 5 pods per minute with selectPolicy Min.
        var hpa = new HpaController(new HpaSpec(1, 100, 10, BehaviorOf(down: "10%/60s, 5 pods/60s, Min")));

        var replicas = Run(hpa, start: 100, steps: 56, total: _ => 100);

        // Above 50 replicas 5 pods is the smaller change; below it 10% is (40 → 36, 36 → 32).
        Assert.Equal([95, 90, 85, 80, 75, 70, 65, 60, 55, 50, 45, 40, 36, 32], replicas.Where((_, i) => i % 4 == 0));
    }

    [Theory]
    [InlineData("Disabled", "", 5, 100, StageReasons.ScaleUpLimit)]
    [InlineData("", "Disabled", 5, 10, StageReasons.ScaleDownLimit)]
    public void Step_DirectionDisabled_HoldsWithHpaReason(string up, string down, int current, double total, string reason)
    {
        var hpa = new HpaController(new HpaSpec(1, 20, 10, BehaviorOf(up, down)));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(total, current, current), T0.AddMinutes(10));

        Assert.Equal(current, decision.DesiredReplicas);
        Assert.False(decision.Scaled);
        Assert.Equal(reason, decision.Reason);
        Assert.Equal(StageReasons.ScalingDisabled, decision.Limited!.Reason);
    }

    [Fact]
    public void Step_TargetScaledToZero_DisablesScaling()
    {
        var hpa = new HpaController(new HpaSpec(2, 10, 10, ScalingBehavior.Default));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(500, 0, 0), T0);

        Assert.Equal((0, false, StageReasons.ScalingDisabled), (decision.DesiredReplicas, decision.Scaled, decision.Reason));
    }

    [Fact]
    public void Step_MinReplicasZeroAndNoPods_ScalesFromZero()
    {
        // Scale-to-zero HPA: no pods, 25 units of load at 10 per pod → ceil(2.5) = 3.
        var hpa = new HpaController(new HpaSpec(0, 10, 10, ScalingBehavior.Default));

        Assert.Equal(3, hpa.Step(HpaState.Empty, new HpaObservation(25, 0, 0), T0).DesiredReplicas);
    }

    [Theory]
    [InlineData(12, 10, StageReasons.TooManyReplicas)]
    [InlineData(1, 2, StageReasons.TooFewReplicas)]
    public void Step_CurrentOutsideMinMax_CorrectsWithoutMetric(int current, int expected, string reason)
    {
        var hpa = new HpaController(new HpaSpec(2, 10, 10, ScalingBehavior.Default));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(null, current, current), T0);

        Assert.Equal((expected, true, reason), (decision.DesiredReplicas, decision.Scaled, decision.Reason));
        Assert.Single(expected > current ? decision.State.ScaleUpEvents : decision.State.ScaleDownEvents);
        Assert.Equal(T0, decision.State.LastScaleTime);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    public void Step_MetricUnavailable_KeepsCurrent(double? total)
    {
        var hpa = new HpaController(new HpaSpec(1, 10, 10, ScalingBehavior.Default));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(total, 4, 4), T0);

        Assert.Equal((4, false, HpaReasons.FailedGetExternalMetric), (decision.DesiredReplicas, decision.Scaled, decision.Reason));
    }

    [Theory]
    // 10 pods at target 10: totals within 90..110 keep 10 replicas.
    [InlineData(105, 10)]
    [InlineData(110, 10)]
    [InlineData(111, 12)]
    public void Step_UsageNearTarget_RespectsTolerance(double total, int expected)
    {
        var hpa = new HpaController(new HpaSpec(1, 100, 10, ScalingBehavior.Default));

        Assert.Equal(expected, hpa.Step(HpaState.Empty, new HpaObservation(total, 10, 10), T0).DesiredReplicas);
    }

    [Fact]
    public void Step_StatusReplicasBehindSpec_MeasuresAgainstExistingPods()
    {
        // 6 pods wanted, 3 exist: 45 / (10 × 3) = 1.5 is outside tolerance, so HPA asks for ceil(45 / 10) = 5, below the 6 wanted.
        var hpa = new HpaController(new HpaSpec(1, 100, 10, BehaviorOf(down: "100%/15s, window 0s")));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(45, 6, 3), T0);

        Assert.Equal(5, decision.Proposal!.Replicas);
        Assert.Equal(5, decision.DesiredReplicas);
    }

    [Theory]
    // Without a behavior field a sync grows to at most max(2 × current, 4).
    [InlineData(1, 4)]
    [InlineData(3, 6)]
    [InlineData(10, 20)]
    public void Step_NoBehavior_CapsScaleUpAtDoubleOrFour(int current, int expected)
    {
        var hpa = new HpaController(new HpaSpec(1, 100, 10, null));

        var decision = hpa.Step(HpaState.Empty, new HpaObservation(10_000, current, current), T0);

        Assert.Equal((expected, StageReasons.ScaleUpLimit), (decision.DesiredReplicas, decision.Reason));
        Assert.Empty(decision.State.ScaleUpEvents);
    }

    [Fact]
    public void Step_NoBehavior_HoldsScaleDownForDownscaleWindow()
    {
        var hpa = new HpaController(new HpaSpec(1, 100, 10, null));

        var replicas = Run(hpa, start: 10, steps: 23, total: _ => 20);

        // The seed 10 at t = 0 is not "before" the cutoff until t = 315 s.
        Assert.All(replicas[..21], r => Assert.Equal(10, r));
        Assert.Equal([2, 2], replicas[21..]);
    }

    [Theory]
    [InlineData(-1, 10, 10)]
    [InlineData(5, 4, 10)]
    [InlineData(0, 0, 10)]
    [InlineData(1, 10, 0)]
    [InlineData(1, 10, double.NaN)]
    public void New_InvalidSpec_Throws(int min, int max, double target)
    {
        Assert.ThrowsAny<ArgumentException>(() => new HpaController(new HpaSpec(min, max, target, null)));
    }

    /// <summary>Runs one sync every 15 s from <see cref="T0"/>, pods appearing at once; returns the replicas after each.</summary>
    private static int[] Run(HpaController hpa, int start, int steps, Func<double, double?> total)
    {
        var (state, replicas, result) = (HpaState.Empty, start, new int[steps]);
        for (var i = 0; i < steps; i++)
        {
            var seconds = 15.0 * i;
            var decision = hpa.Step(state, new HpaObservation(total(seconds), replicas, replicas), At(seconds));
            (state, replicas, result[i]) = (decision.State, decision.DesiredReplicas, decision.DesiredReplicas);
        }
        return result;
    }
}
