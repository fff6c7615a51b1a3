using SloScaler.Core.Behavior;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Settings;
using SloScaler.Core.Tests.Support;
using SloScaler.Core.Validation;
using static SloScaler.Core.Tests.Support.SomePolicy;

namespace SloScaler.Core.Tests.Decisions;

public sealed class DecisionEngineTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    // Rule 1: size from the load, ceil(load / targetPerReplica), largest parameter wins.
    [Theory]
    [InlineData(913, 4, 8)]     // 913 / 120 = 7.6 → 8
    [InlineData(960, 4, 8)]     // exactly 8 replicas' worth
    [InlineData(961, 4, 9)]
    [InlineData(100, 10, 1)]    // 0.83 → 1
    [InlineData(0, 5, 1)]       // no load → min (1)
    [InlineData(2400, 10, 20)]
    public void Decide_Load_SizesByCeilOfLoadOverTarget(double rps, int current, int expected)
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(rps, 0.1, current), EngineState.Empty, T0);
        Assert.Equal(expected, d.DesiredReplicas);
    }

    [Fact]
    public void Decide_SeveralLoadParameters_LargestWins()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited, extra: new LoadParameter("fanout", "fanout_query", 10));
        var (d, _) = DecisionEngine.Decide(policy, Observe(240, 0.1, 2, null, ("fanout", 65.0)), EngineState.Empty, T0);
        Assert.Equal(7, d.DesiredReplicas); // rps → 2, fanout 65/10 → 7
        Assert.Equal([2, 7], d.Loads.Select(l => l.Replicas!.Value));
        Assert.Equal(10, d.Loads[1].PerReplica);
        Assert.Equal(LoadReasons.LoadSized, Stage(d, StageNames.Load).Reason);
    }

    // Rule 4: tolerance against flapping: 0.1 for scale-down as HPA; 0 for scale-up by default,
    // because load above targetPerReplica misses the SLO by the target's own definition.
    [Theory]
    [InlineData(1050, 10, 9)]   // ratio 0.875: outside → ceil(8.75) = 9
    [InlineData(1150, 10, 10)]  // ratio 0.958: within scale-down tolerance → keep 10
    [InlineData(1300, 10, 11)]  // ratio 1.083: above target → ceil(10.8) = 11
    [InlineData(1340, 10, 12)]  // ratio 1.117: ceil(11.2) = 12
    public void Decide_UsageWithinTolerance_KeepsCurrent(double rps, int current, int expected)
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(rps, 0.1, current), EngineState.Empty, T0);
        Assert.Equal(expected, d.DesiredReplicas);
    }

    [Fact]
    public void Decide_ScaleUpToleranceSet_KeepsCurrentWithinIt()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited) with { ScaleUpTolerance = 0.1 };
        var (d, _) = DecisionEngine.Decide(policy, Observe(1300, 0.1, 10), EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.Equal(10, d.Loads[0].Replicas); // ceil(1300 / 120) = 11 without the tolerance
    }

    [Fact]
    public void Decide_FirstMissAfterMeetingObjective_DoesNotLearnYet()
    {
        var state = EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5), LastLatency = 0.2 };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.4, 8, 8), state, T0);
        Assert.Equal(1.0, s.CapacityFactor);
    }

    [Fact]
    public void Decide_MissRightAfterALoadExplainedMiss_WaitsBeforeLearning()
    {
        var state = EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5), LastExplainedMiss = T0 - TimeSpan.FromMinutes(2), LastLatency = 0.4 };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.4, 8, 8), state, T0);
        Assert.Equal(1.0, s.CapacityFactor);
    }

    [Fact]
    public void Decide_MissWhileLatencyFalls_WaitsForBacklogToDrain()
    {
        var state = EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5), LastLatency = 0.9 };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.4, 8, 8), state, T0);
        Assert.Equal(1.0, s.CapacityFactor);
    }

    // Rule 4: clamp to [min, max].
    [Theory]
    [InlineData(100_000, 10, 40, "TooManyReplicas")]
    [InlineData(10, 5, 3, "TooFewReplicas")]
    public void Decide_OutsideBounds_ClampsAndSaysWhich(double rps, int current, int expected, string limit)
    {
        var policy = SomePolicy.Settings(min: 3, max: 40, behavior: Unlimited);
        var (d, _) = DecisionEngine.Decide(policy, Observe(rps, 0.1, current), EngineState.Empty, T0);
        Assert.Equal(expected, d.DesiredReplicas);
        Assert.Equal(limit, d.LimitedBy);
    }

    // Rule 4: HPA default scale-up policy: max(100 %, 4 pods) per 15 s.
    [Theory]
    [InlineData(1, 5)]    // 1 + max(1, 4)
    [InlineData(3, 7)]    // 3 + max(3, 4)
    [InlineData(10, 20)]  // 10 + max(10, 4)
    public void Decide_DefaultScaleUp_LimitedToMaxOfDoubleOrFourPods(int current, int expected)
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(), Observe(100 * 120, 0.1, current), EngineState.Empty, T0);
        Assert.Equal(expected, d.DesiredReplicas);
        Assert.Equal(StageReasons.ScaleUpLimit, d.LimitedBy);
        Assert.Equal(expected, Stage(d, StageNames.RateLimit).Replicas);
    }

    [Fact]
    public void Decide_PodsPolicy_ReasonNamesEveryStage()
    {
        var behavior = new ScalingBehavior(
            new ScalingRules(TimeSpan.Zero, PolicySelection.Max, [new RatePolicy(RatePolicyType.Pods, 1, TimeSpan.FromSeconds(15))]),
            ScalingRules.DefaultScaleDown);
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: behavior), Observe(913, 0.1, 4), EngineState.Empty, T0);
        Assert.Equal(5, d.DesiredReplicas);
        Assert.Equal("rps 913 / 120 per replica → 8; scale-up limited to 5 by 1 pods per 15s; scale 4 → 5", d.Reason);
        Assert.Equal(["Capacity", "Load", "Slo", "Stabilization", "RateLimit"], d.Stages.Select(s => s.Stage));
    }

    // Rule 4: scale-down stabilization window (default 300 s) holds the highest recent recommendation.
    [Fact]
    public void Decide_LoadDrops_ScaleDownWaitsForStabilizationWindow()
    {
        var policy = SomePolicy.Settings();
        var state = EngineState.Empty;
        var now = T0;
        (_, state) = DecisionEngine.Decide(policy, Observe(1200, 0.1, 10), state, now); // recommends 10
        var replicas = new List<int>();
        for (var i = 1; i <= 22; i++)
        {
            now = T0 + (Tick * i);
            var (d, s) = DecisionEngine.Decide(policy, Observe(240, 0.1, 10), state, now); // recommends 2
            state = s;
            replicas.Add(d.DesiredReplicas);
            if (d.DesiredReplicas == 10) Assert.Equal(StageReasons.ScaleDownStabilized, d.LimitedBy);
        }
        // 19 ticks (285 s) still inside the 300 s window; the 20th (300 s) sees the 10 expire.
        Assert.All(replicas.Take(19), r => Assert.Equal(10, r));
        Assert.Equal(2, replicas[19]);
    }

    // Rule 2: latency above objective never scales in.
    [Fact]
    public void Decide_LatencyAboveObjective_NeverScalesIn()
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(240, 0.4, 10), EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.False(d.SloMet);
        Assert.Equal((10, SloReasons.SloMissed), (Stage(d, StageNames.Slo).Replicas, Stage(d, StageNames.Slo).Reason));
    }

    // Rule 2: far over the objective with the load already sized for, a backlog is queued: add headroom to drain it.
    [Fact]
    public void Decide_LatencyFarAboveObjectiveWithLoadSizedFor_AddsHeadroomToDrainBacklog()
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(4800, 10, 40, 40), EngineState.Empty, T0);
        Assert.Equal(48, d.DesiredReplicas); // 40 for the arrivals + 20 %
        Assert.Equal((48, SloReasons.BacklogQueued), (Stage(d, StageNames.Slo).Replicas, Stage(d, StageNames.Slo).Reason));
    }

    [Fact]
    public void Decide_LatencySlightlyAboveObjective_NoBacklogHeadroom()
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(4800, 0.3, 40, 40), EngineState.Empty, T0);
        Assert.Equal(40, d.DesiredReplicas);
    }

    // Rule 2: learn the effective capacity when latency misses although the load says replicas suffice.
    [Fact]
    public void Decide_MissWithEnoughReplicasOnStableEvidence_LearnsCapacityAndScalesOut()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var (d, s) = DecisionEngine.Decide(policy, Observe(913, 0.312, 8, 8), MissingFor(TimeSpan.FromMinutes(2), 0.3), T0);
        Assert.True(s.CapacityFactor < 1);
        Assert.True(d.DesiredReplicas > 8, d.Reason);
        Assert.Equal(CapacityReasons.CapacityLowered, Stage(d, StageNames.Capacity).Reason);
        Assert.Equal(new CapacityEvidence(913.0 / 960, 0.312, T0), s.LastLowered);
        Assert.Equal(new CapacityEvidence(913.0 / 960, 0.312, T0), s.LastLowered);
    }

    /// <summary>Stable replicas for 5 minutes, every latency reading over the objective for <paramref name="missing"/>.</summary>
    private static EngineState MissingFor(TimeSpan missing, double lastLatency) =>
        EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5), MissingSince = T0 - missing, LastLatency = lastLatency, LastEvaluationTime = T0 - Tick };

    [Fact]
    public void Decide_NearMissForAFewWindows_IsNoiseNotCapacity()
    {
        // 262 ms against 250 ms is within what a histogram's p99 jitters: the guard keeps replicas, capacity stays.
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.262, 8, 8), MissingFor(TimeSpan.FromMinutes(3), 0.26), T0);
        Assert.Equal(1.0, s.CapacityFactor);
        Assert.Equal(8, d.DesiredReplicas);
    }

    [Fact]
    public void Decide_NearMissThatLastsFiveWindows_LearnsCapacity()
    {
        // A target declared a little too high misses by a little, but for good.
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.262, 8, 8), MissingFor(TimeSpan.FromMinutes(5), 0.26), T0);
        Assert.True(s.CapacityFactor < 1);
    }

    [Fact]
    public void Decide_ClearMissShorterThanALatencyWindow_DoesNotLearnYet()
    {
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.312, 8, 8), MissingFor(TimeSpan.FromSeconds(30), 0.3), T0);
        Assert.Equal(1.0, s.CapacityFactor);
    }

    [Fact]
    public void Decide_MissNoBetterAtLowerUtilisationAfterLearning_KeepsCapacityAndSaysWhy()
    {
        // Capacity was lowered for 312 ms at 95 %; now at 62.5 % the p99 is 330 ms: more replicas did not help.
        var state = MissingFor(TimeSpan.FromMinutes(3), 0.33) with { CapacityFactor = 0.8, LastLowered = new CapacityEvidence(0.95, 0.312, T0 - TimeSpan.FromMinutes(3)) };
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(600, 0.33, 8, 8), state, T0);
        Assert.Equal(0.8, s.CapacityFactor);
        Assert.Equal(8, d.DesiredReplicas);
        Assert.Equal(CapacityReasons.LoweringDidNotHelp, Stage(d, StageNames.Capacity).Reason);
    }

    [Fact]
    public void Decide_MissThatImprovedAtLowerUtilisation_LearnsFurther()
    {
        var state = MissingFor(TimeSpan.FromMinutes(3), 0.29) with { CapacityFactor = 0.8, LastLowered = new CapacityEvidence(0.95, 0.9, T0 - TimeSpan.FromMinutes(3)) };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(600, 0.29, 8, 8), state, T0);
        Assert.True(s.CapacityFactor < 0.8);
    }

    [Fact]
    public void Decide_MissesAndThenAMet_TrackSinceWhenTheObjectiveIsMissed()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var (_, first) = DecisionEngine.Decide(policy, Observe(600, 0.3, 8, 8), EngineState.Empty, T0);
        var (_, second) = DecisionEngine.Decide(policy, Observe(600, 0.3, 8, 8), first, T0 + Tick);
        var (_, met) = DecisionEngine.Decide(policy, Observe(600, 0.2, 8, 8), second, T0 + (Tick * 2));
        var (_, unknown) = DecisionEngine.Decide(policy, Observe(600, null, 8, 8), second, T0 + (Tick * 2));
        Assert.Equal(T0, first.MissingSince);
        Assert.Equal(T0, second.MissingSince);
        Assert.Null(met.MissingSince);
        Assert.Equal(T0 + (Tick * 2), met.MeetingSince);
        Assert.Null(unknown.MissingSince); // a reading missing breaks the streak
    }

    [Fact]
    public void Decide_GapBetweenEvaluations_StartsTheMissStreakAfresh()
    {
        // A miss 30 s before an hour without evaluations (an operator restart, a night without traffic),
        // then one clear miss: not a miss that has lasted a window.
        var state = EngineState.Empty with
        {
            StableSince = T0 - TimeSpan.FromHours(2), MissingSince = T0 - TimeSpan.FromSeconds(30), LastLatency = 0.3, LastEvaluationTime = T0,
        };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.31, 8, 8), state, T0 + TimeSpan.FromHours(1));
        Assert.Equal(1.0, s.CapacityFactor);
        Assert.Equal(T0 + TimeSpan.FromHours(1), s.MissingSince);
    }

    [Fact]
    public void Decide_MissAtLowerUtilisationThanARecentMet_IsNotCapacityAndSaysWhy()
    {
        var state = MissingFor(TimeSpan.FromMinutes(2), 0.3) with { BestMet = new CapacityEvidence(0.95, 0.2, T0 - TimeSpan.FromMinutes(5)) };
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(600, 0.312, 8, 8), state, T0);
        Assert.Equal(1.0, s.CapacityFactor);
        Assert.Equal(CapacityReasons.MetAtHigherLoad, Stage(d, StageNames.Capacity).Reason);
    }

    [Fact]
    public void Decide_ClearMissLastingSeveralWindows_LearnsDespiteARecentMet()
    {
        // A slower release: what was met before no longer says anything once a clear miss has lasted three windows.
        var state = MissingFor(TimeSpan.FromMinutes(3), 0.3) with { BestMet = new CapacityEvidence(0.95, 0.2, T0 - TimeSpan.FromMinutes(5)) };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(600, 0.312, 8, 8), state, T0);
        Assert.True(s.CapacityFactor < 1);
        Assert.Null(s.BestMet);
    }

    [Fact]
    public void Decide_MetForAWholeWindow_IsRememberedAsMetAndASingleMetIsNot()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var stable = EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5), LastEvaluationTime = T0 - Tick };
        var (_, single) = DecisionEngine.Decide(policy, Observe(900, 0.2, 8, 8), stable, T0);
        var (_, lasting) = DecisionEngine.Decide(policy, Observe(900, 0.2, 8, 8), stable with { MeetingSince = T0 - TimeSpan.FromMinutes(2) }, T0);
        Assert.Null(single.BestMet);
        Assert.Equal(new CapacityEvidence(900.0 / 960, 0.2, T0), lasting.BestMet);
    }

    [Fact]
    public void Decide_RaisingCapacity_KeepsWhatWasMet()
    {
        var state = EngineState.Empty with
        {
            StableSince = T0 - TimeSpan.FromMinutes(5), LastEvaluationTime = T0 - Tick, MeetingSince = T0 - TimeSpan.FromMinutes(5),
            CapacityFactor = 0.7, BestMet = new CapacityEvidence(0.75, 0.2, T0 - TimeSpan.FromMinutes(1)),
        };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.2, 10, 10), state, T0);
        Assert.Equal(913.0 / 1200, s.CapacityFactor, 9);
        Assert.Equal(new CapacityEvidence(913.0 / 1200, 0.2, T0), s.BestMet);
    }

    [Fact]
    public void Decide_LoweringThatDidNotHelp_KeepsBlockingForAsLongAsThatMissLasts()
    {
        // Lowered 20 minutes ago (past the 10-window memory) for a miss that has not ended since.
        var state = MissingFor(TimeSpan.FromMinutes(25), 0.33) with { CapacityFactor = 0.8, LastLowered = new CapacityEvidence(0.95, 0.312, T0 - TimeSpan.FromMinutes(20)) };
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(600, 0.33, 8, 8), state, T0);
        Assert.Equal(0.8, s.CapacityFactor);
        Assert.Equal(CapacityReasons.LoweringDidNotHelp, Stage(d, StageNames.Capacity).Reason);
    }

    [Fact]
    public void Decide_SlowDependencyNotReplicas_LowersCapacityAtMostOnceInTwoHours()
    {
        // p99 330 ms whatever the replicas: after one lowering did not help, no more replicas are added for it.
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var state = EngineState.Empty;
        var replicas = 8;
        var seen = new List<int>();
        for (var i = 0; i < 480; i++)
        {
            var (d, s) = DecisionEngine.Decide(policy, Observe(913, 0.33, replicas, replicas), state, T0 + (Tick * i));
            state = s;
            replicas = d.DesiredReplicas;
            seen.Add(replicas);
        }
        Assert.True(seen.Max() <= 12, $"replicas went up to {seen.Max()}");
        Assert.True(state.CapacityFactor >= 0.7, $"capacity factor fell to {state.CapacityFactor}");
    }

    [Fact]
    public void Decide_LoadThatAlternatesFromTheStart_IsJitterNotAStep()
    {
        // ±8 % between scrapes from the first samples on: the jitter is learned from the first change, so a
        // 20 % rise after it is not sized as a step (× 4 through the rate window).
        var policy = SomePolicy.Settings(behavior: Unlimited, forecast: true);
        var state = EngineState.Empty;
        Decision last = null!;
        var loads = new[] { 1000.0, 1080, 1000, 1080, 1000, 1080, 1000, 1300 };
        for (var i = 0; i < loads.Length; i++)
            (last, state) = DecisionEngine.Decide(policy, Observe(loads[i], 0.1, 10), state, T0 + (Tick * i));
        Assert.Null(last.Loads[0].Forecast);
        Assert.Equal(11, last.DesiredReplicas); // ceil(1300 / 120), not a step × 4
    }

    [Fact]
    public void Decide_MissRightAfterScaling_WaitsForEvidenceBeforeLearning()
    {
        var state = EngineState.Empty with { StableSince = T0 - TimeSpan.FromSeconds(20), LastLatency = 0.3 }; // window is 1m
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(913, 0.312, 8, 8), state, T0);
        Assert.Equal(1.0, s.CapacityFactor);
    }

    [Fact]
    public void Decide_MissExplainedByLoad_DoesNotLearn()
    {
        var state = EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5) };
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(2400, 2.0, 8, 8), state, T0);
        Assert.Equal(1.0, s.CapacityFactor);
        Assert.Equal(24, d.DesiredReplicas); // 20 for the arrivals, + 20 % for the backlog a 2 s p99 means
    }

    [Fact]
    public void Decide_MetAboveLearnedCapacity_RaisesIt()
    {
        var state = EngineState.Empty with { StableSince = T0 - TimeSpan.FromMinutes(5), CapacityFactor = 0.5 };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(800, 0.1, 10, 10), state, T0); // 80/replica = 67 %
        Assert.Equal(800.0 / 1200, s.CapacityFactor, 9);
    }

    // Rule 3: forecast looks ahead on a ramp; never below the current load.
    [Fact]
    public void Decide_RisingTrendWithForecast_SizesForLoadAhead()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited, forecast: true);
        var state = EngineState.Empty;
        Decision last = null!;
        for (var i = 0; i < 6; i++)
        {
            // +4 rps per second: in 105 s (60 s start-up + 15 s interval + half the 1m rate window) the load is 420 higher.
            (last, state) = DecisionEngine.Decide(policy, Observe(2400 + (i * 60), 0.1, 20), state, T0 + (Tick * i));
        }
        Assert.Equal(2400 + (5 * 60), last.Loads[0].Value);
        Assert.Equal(2700 + 420, last.Loads[0].Forecast!.Value, 6);
        Assert.Equal(26, last.DesiredReplicas); // 3120 / 120
        Assert.Contains("trend → 3120 in 105s", last.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_SteadyRampFasterThanCap_ForecastCappedAboveCurrentLoad()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited, forecast: true);
        var state = EngineState.Empty;
        Decision last = null!;
        // +8 % per interval: a trend, not a step, but its projection over 105 s would be +56 %.
        foreach (var (rps, i) in new[] { 1000.0, 1080, 1166, 1260, 1360 }.Select((v, i) => (v, i)))
            (last, state) = DecisionEngine.Decide(policy, Observe(rps, 0.1, 12), state, T0 + (Tick * i));
        Assert.Equal(1360 * 1.25, last.Loads[0].Forecast!.Value, 6);
        Assert.Equal(15, last.DesiredReplicas); // 1700 / 120 = 14.2
    }

    [Fact]
    public void Decide_StepSeenThroughRateWindow_SizesForTheLoadNowNotTheRamp()
    {
        // A 240 → 2400 step seen through a 1m rate() sampled every 15 s: 240, 780, 1320, 1860, 2400.
        var policy = SomePolicy.Settings(behavior: Unlimited, forecast: true);
        var state = EngineState.Empty;
        var decisions = new List<Decision>();
        foreach (var (rps, i) in new[] { 240.0, 240, 240, 240, 240, 780, 1320 }.Select((v, i) => (v, i)))
        {
            var (d, s) = DecisionEngine.Decide(policy, Observe(rps, 0.1, 2), state, T0 + (Tick * i));
            state = s;
            decisions.Add(d);
        }
        Assert.Equal(2400, decisions[5].Loads[0].Forecast!.Value, 6); // 240 a window ago + 540 × 4
        Assert.Equal(20, decisions[5].DesiredReplicas);
        Assert.Contains("rps 780 (stepped up: ≈2400 now)", decisions[5].Reason, StringComparison.Ordinal);
        Assert.Equal(20, decisions[6].DesiredReplicas); // not the ramp's extrapolation
    }

    [Fact]
    public void Decide_FallingTrendWithForecast_NeverForecastsBelowCurrentLoad()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited, forecast: true);
        var state = EngineState.Empty;
        Decision last = null!;
        for (var i = 0; i < 6; i++)
            (last, state) = DecisionEngine.Decide(policy, Observe(2400 - (i * 200), 0.1, 20), state, T0 + (Tick * i));
        Assert.Null(last.Loads[0].Forecast);
        Assert.Equal(12, last.DesiredReplicas); // 1400 / 120 = 11.7 → 12, not lower
    }

    // Rule 5: unknowns never scale in; after afterFailures, Hold or Fallback.
    [Theory]
    [InlineData(MetricReadingKind.Empty)]
    [InlineData(MetricReadingKind.NotANumber)]
    [InlineData(MetricReadingKind.Infinite)]
    [InlineData(MetricReadingKind.Error)]
    public void Decide_UnknownLoad_HoldsAndReportsWhy(MetricReadingKind kind)
    {
        var reading = kind switch
        {
            MetricReadingKind.Empty => MetricReading.Empty(),
            MetricReadingKind.NotANumber => MetricReading.Of(double.NaN),
            MetricReadingKind.Infinite => MetricReading.Of(double.PositiveInfinity),
            _ => MetricReading.Failed("connection refused"),
        };
        var obs = new Observation([new LoadObservation("rps", reading)], MetricReading.Of(0.1), 10);
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), obs, EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.False(d.MetricsAvailable);
        Assert.StartsWith("rps: unknown", d.MetricsProblem, StringComparison.Ordinal);
        Assert.Equal(1, s.ConsecutiveFailures);
    }

    [Fact]
    public void Decide_UnknownLatencyWithLowLoad_DoesNotScaleIn()
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(120, null, 10), EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.Equal(SloReasons.LatencyUnknown, Stage(d, StageNames.Slo).Reason);
    }

    [Fact]
    public void Decide_NoRequestsAndSoNoLatency_ScalesInAndIsNotAMetricsFailure()
    {
        // At night the counter does not move: rate() is 0 and histogram_quantile over unmoved buckets is NaN.
        var obs = new Observation([new LoadObservation("rps", MetricReading.Of(0))], MetricReading.NotANumber(), 10);
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(min: 2, behavior: Unlimited), obs, EngineState.Empty, T0);
        Assert.Equal(2, d.DesiredReplicas);
        Assert.True(d.MetricsAvailable);
        Assert.Equal(0, s.ConsecutiveFailures);
        Assert.Equal(SloReasons.NoTraffic, Stage(d, StageNames.Slo).Reason);
    }

    [Fact]
    public void Decide_ZeroLoadAndNoLatencySeriesAtAll_IsMissingDataNotIdle()
    {
        // A load query written `… or vector(0)` reads 0 when the target is no longer scraped; its buckets are gone.
        var obs = new Observation([new LoadObservation("rps", MetricReading.Of(0))], MetricReading.Empty(), 10);
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(min: 2, behavior: Unlimited), obs, EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.False(d.MetricsAvailable);
        Assert.Equal(1, s.ConsecutiveFailures);
    }

    [Fact]
    public void Decide_NoRequestsButTheLatencyQueryFailed_StillDoesNotScaleIn()
    {
        var obs = new Observation([new LoadObservation("rps", MetricReading.Of(0))], MetricReading.Failed("connection refused"), 10);
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(min: 2, behavior: Unlimited), obs, EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.False(d.MetricsAvailable);
        Assert.Equal(1, s.ConsecutiveFailures);
    }

    [Fact]
    public void Decide_UnknownLatencyWithHighLoad_StillScalesOut()
    {
        var (d, _) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(2400, null, 10), EngineState.Empty, T0);
        Assert.Equal(20, d.DesiredReplicas);
    }

    [Fact]
    public void Decide_OneOfTwoLoadsUnknown_ScalesOutOnTheOtherButNeverIn()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited, extra: new LoadParameter("queue", "q", 50));
        var (up, _) = DecisionEngine.Decide(policy, Observe(2400, 0.1, 10, null, ("queue", null)), EngineState.Empty, T0);
        var (down, _) = DecisionEngine.Decide(policy, Observe(120, 0.1, 10, null, ("queue", null)), EngineState.Empty, T0);
        Assert.Equal(20, up.DesiredReplicas);
        Assert.Equal(10, down.DesiredReplicas);
    }

    [Theory]
    [InlineData(MetricsUnavailableAction.Hold, 8, 8)]
    [InlineData(MetricsUnavailableAction.Fallback, 8, 12)]
    [InlineData(MetricsUnavailableAction.Fallback, 15, 15)] // fallback 12 never scales in while blind
    public void Decide_MetricsUnavailableAfterFailures_AppliesAction(MetricsUnavailableAction action, int current, int expected)
    {
        var policy = SomePolicy.Settings(unavailable: new MetricsUnavailableSettings(action, 12, 3));
        var state = EngineState.Empty;
        var blind = new Observation([new LoadObservation("rps", MetricReading.Failed("timeout"))], MetricReading.Failed("timeout"), current);
        var results = new List<Decision>();
        for (var i = 0; i < 3; i++)
        {
            var (d, s) = DecisionEngine.Decide(policy, blind, state, T0 + (Tick * i));
            state = s;
            results.Add(d);
        }
        Assert.All(results.Take(2), d => Assert.Equal(current, d.DesiredReplicas));
        Assert.Equal(expected, results[2].DesiredReplicas);
        Assert.Equal(action == MetricsUnavailableAction.Hold ? UnavailableReasons.Held : UnavailableReasons.Fallback, Stage(results[2], StageNames.MetricsUnavailable).Reason);
        Assert.All(results.Take(2), r => Assert.DoesNotContain(r.Stages, st => st.Stage == StageNames.MetricsUnavailable));
    }

    [Fact]
    public void Decide_MetricsReturn_ResetsFailures()
    {
        var state = EngineState.Empty with { ConsecutiveFailures = 5 };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(), Observe(1200, 0.1, 10), state, T0);
        Assert.Equal(0, s.ConsecutiveFailures);
    }

    // Rule 6: Manual mode keeps manualReplicas and still reports what elastic would do.
    [Fact]
    public void Decide_ManualMode_KeepsManualAndReportsElastic()
    {
        var policy = SomePolicy.Settings(mode: ScalingMode.Manual, manual: 6, behavior: Unlimited);
        var (d, _) = DecisionEngine.Decide(policy, Observe(2400, 0.4, 6), EngineState.Empty, T0);
        Assert.Equal(6, d.DesiredReplicas);
        Assert.Equal(20, d.RecommendedReplicas);
        Assert.Equal(DecisionResult.Manual, d.Result);
        Assert.False(d.SloMet);
    }

    // Rule 8: state needed after a restart.
    [Fact]
    public void Decide_Scale_RemembersScaleTimeAndEvents()
    {
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(), Observe(1200, 0.1, 5), EngineState.Empty, T0);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.Equal(T0, s.LastScaleTime);
        Assert.Single(s.Behavior.ScaleUpEvents);
    }

    [Fact]
    public void Decide_DryRun_RemembersNoScaleEvent()
    {
        var (d, s) = DecisionEngine.Decide(SomePolicy.Settings(), Observe(1200, 0.1, 5), EngineState.Empty, T0, apply: false);
        Assert.Equal(10, d.DesiredReplicas);
        Assert.Null(s.LastScaleTime);
        Assert.Empty(s.Behavior.ScaleUpEvents);
    }

    [Fact]
    public void Decide_SloMetAndMissed_AccumulatesAttainment()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var state = EngineState.Empty;
        for (var i = 0; i < 4; i++)
            (_, state) = DecisionEngine.Decide(policy, Observe(1200, i == 3 ? 0.3 : 0.1, 10), state, T0 + (Tick * i));
        Assert.Equal(0.75, AttainmentTracker.Ratio(state.Attainment)!.Value, 9);
    }

    // Probing a lowered capacity back up.
    [Fact]
    public void Decide_SlowdownThatPassed_ProbesCapacityBackUp()
    {
        // Replicas carry 60 % of the declared 120 rps for half an hour (a slow release, rolled back), then 100 %.
        var run = RunAgainst(hours: 8, t => t < TimeSpan.FromMinutes(30) ? 0.6 : 1.0, SmoothLatency);
        var lowest = run.Factors.Take(run.StepsAt(TimeSpan.FromMinutes(30))).Min();
        Assert.True(lowest <= 0.7, $"capacity was not learned lower during the slowdown: {lowest}");
        Assert.Contains(CapacityReasons.CapacityProbed, run.CapacityCodes);
        // Within three hours, back up to just below the utilisation of the miss that lowered it; once that miss
        // is six hours old, all the way.
        var missedAt = run.States.First(s => s.MissedAt is not null).MissedAt!.Utilisation;
        Assert.True(run.Factors[run.StepsAt(TimeSpan.FromHours(3))] >= missedAt * 0.9, $"capacity {run.Factors[run.StepsAt(TimeSpan.FromHours(3))]:0.00} of target after 3 h, the miss was at {missedAt:0.00}");
        Assert.True(run.Factors[^1] >= 0.95, $"capacity stayed at {run.Factors[^1]:0.00} of target after the slowdown passed");
        Assert.True(run.Replicas[^1] <= 22, $"{run.Replicas[^1]} replicas for 20 replicas' worth of load");
        // Probing back up costs no misses: p99 stays within the objective after the first hour.
        Assert.Equal(0, run.MissesAfter(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Decide_LowLatencyRightUpToACliff_ProbesStayBelowTheMissThatLoweredCapacity()
    {
        // A p99 of 100 ms at any load the replicas can carry (60 % of the declared target), and a miss
        // over it: a p99 far under the objective says nothing about where the cliff is.
        var run = RunAgainst(hours: 6, _ => 0.6, (utilisation, objective) => utilisation <= 1 ? 0.1 : objective * 4);
        var lowerings = run.CapacityCodes.Count(r => r == CapacityReasons.CapacityLowered);
        Assert.True(lowerings <= 2, $"capacity was learned lower {lowerings} times in 6 h: probes kept walking it over the cliff");
        Assert.True(run.MissesAfter(TimeSpan.FromHours(2)) == 0, $"{run.MissesAfter(TimeSpan.FromHours(2))} missed evaluations after the first two hours");
        Assert.True(run.Factors[^1] <= 0.6, $"capacity {run.Factors[^1]:0.00} of target is above what replicas carry");
    }

    [Fact]
    public void Decide_LatencyWithoutRoomToSpare_DoesNotProbe()
    {
        // Lowered to 60 % long ago, met ever since, but with a p99 of 220 ms (88 % of 250 ms): no room to probe.
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var state = LoweredLongAgo(lastLatency: 0.22);
        var (_, tight) = DecisionEngine.Decide(policy, Observe(1440, 0.22, 20, 20), state, T0);
        Assert.Equal(0.6, tight.CapacityFactor);

        // Room now but not at the reading before: one low reading is not room either.
        var (_, once) = DecisionEngine.Decide(policy, Observe(1440, 0.15, 20, 20), state, T0);
        Assert.Equal(0.6, once.CapacityFactor);
    }

    [Fact]
    public void Decide_RoomToSpareAtNearlyTheFactorsLoad_ProbesFivePercentAndKeepsWhatWasMet()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var met = new CapacityEvidence(0.58, 0.15, T0 - TimeSpan.FromMinutes(3));
        // 1440 rps over 20 replicas of 120: 60 % of target per replica, all the factor lets them carry.
        var (d, s) = DecisionEngine.Decide(policy, Observe(1440, 0.15, 20, 20), LoweredLongAgo(lastLatency: 0.15) with { BestMet = met }, T0);

        Assert.Equal(0.63, s.CapacityFactor, 9);
        Assert.Equal(CapacityReasons.CapacityProbed, Stage(d, StageNames.Capacity).Reason);
        Assert.Equal(T0, s.CapacityLearnedAt);
        Assert.Equal(met with { Utilisation = 0.6, Latency = 0.15, Time = T0 }, s.BestMet);
    }

    [Theory]
    [InlineData(1100, false)] // 1100 / 2400 = 46 % of target per replica: 76 % of the 60 % factor, below 80 %
    [InlineData(1250, true)]  // 52 %: 87 % of the factor
    public void Decide_ProbeNeedsTheReplicasToCarryEightyPercentOfTheFactor(double rps, bool probes)
    {
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(rps, 0.15, 20, 20), LoweredLongAgo(lastLatency: 0.15), T0);
        Assert.Equal(probes, s.CapacityFactor > 0.6);
    }

    [Fact]
    public void Decide_ObjectiveMetOnlyRecentlyOrFactorJustChanged_DoesNotProbe()
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var state = LoweredLongAgo(lastLatency: 0.15);
        var (_, recentlyMet) = DecisionEngine.Decide(policy, Observe(1440, 0.15, 20, 20), state with { MeetingSince = T0 - TimeSpan.FromMinutes(9) }, T0);
        Assert.Equal(0.6, recentlyMet.CapacityFactor);
        var (_, recentlyChanged) = DecisionEngine.Decide(policy, Observe(1440, 0.15, 20, 20), state with { CapacityLearnedAt = T0 - TimeSpan.FromMinutes(9) }, T0);
        Assert.Equal(0.6, recentlyChanged.CapacityFactor);
    }

    [Fact]
    public void Decide_StatusFromBeforeMissedAt_ProbesStayBelowTheLastLowering()
    {
        // A status written before MissedAt existed: the last lowering (at 66 % utilisation) bounds the probe: 62.7 %, not 63 %.
        var state = LoweredLongAgo(lastLatency: 0.15) with { LastLowered = new CapacityEvidence(0.66, 0.4, T0 - TimeSpan.FromHours(1)) };
        var (_, s) = DecisionEngine.Decide(SomePolicy.Settings(behavior: Unlimited), Observe(1440, 0.15, 20, 20), state, T0);
        Assert.Equal(0.66 * 0.95, s.CapacityFactor, 9);
    }

    /// <summary>Capacity lowered to 60 % of target an hour ago, every reading met since, the replicas stable and evaluated a tick ago.</summary>
    private static EngineState LoweredLongAgo(double lastLatency) => EngineState.Empty with
    {
        CapacityFactor = 0.6, CapacityLearnedAt = T0 - TimeSpan.FromHours(1), MeetingSince = T0 - TimeSpan.FromHours(1),
        StableSince = T0 - TimeSpan.FromHours(1), LastEvaluationTime = T0 - Tick, LastLatency = lastLatency,
    };

    /// <summary>p99 as a fraction of the objective rising steeply with utilisation: 40 % idle, the objective at 100 %.</summary>
    private static double SmoothLatency(double utilisation, double objective) =>
        objective * Math.Min(20, 0.4 + (0.6 * Math.Pow(utilisation, 6)));

    private static StageContribution Stage(Decision d, string name) => d.Stages.Single(s => s.Stage == name);

    private sealed record ProbeRun(List<double> Factors, List<int> Replicas, List<string> CapacityCodes, List<bool> Met, List<EngineState> States)
    {
        public int StepsAt(TimeSpan t) => (int)(t / Tick);

        public int MissesAfter(TimeSpan t) => Met.Skip(StepsAt(t)).Count(met => !met);
    }

    /// <summary>
    /// The engine against a service loaded with 2400 rps (20 replicas at the declared 120): replicas carry
    /// <paramref name="capacity"/>(t) × 120 rps, the p99 is <paramref name="latency"/>(load per replica / that
    /// capacity, objective); replicas are ready at once, so every evaluation sees the replicas it last set.
    /// </summary>
    private static ProbeRun RunAgainst(int hours, Func<TimeSpan, double> capacity, Func<double, double, double> latency)
    {
        var policy = SomePolicy.Settings(behavior: Unlimited);
        var objective = policy.Slo.Objective.TotalSeconds;
        const double load = 2400;
        var state = EngineState.Empty;
        var replicas = 20;
        var run = new ProbeRun([], [], [], [], []);
        for (var i = 0; i < hours * 240; i++)
        {
            var t = Tick * i;
            var p99 = latency(load / (replicas * 120 * capacity(t)), objective);
            var (d, s) = DecisionEngine.Decide(policy, Observe(load, p99, replicas, replicas), state, T0 + t);
            state = s;
            replicas = d.DesiredReplicas;
            run.Factors.Add(s.CapacityFactor);
            run.Replicas.Add(replicas);
            run.CapacityCodes.Add(Stage(d, StageNames.Capacity).Reason);
            run.Met.Add(p99 <= objective);
            run.States.Add(s);
        }
        return run;
    }
}
