using CsCheck;
using SloScaler.Core.Behavior;
using SloScaler.Core.Hpa;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Behavior;

public sealed class BehaviorPropertyTests
{
    private const int Iterations = 300;

    // Steps of (seconds since the previous step, current replicas, desired replicas); gaps that are
    // multiples of 5 s land recommendations exactly on window edges now and then.
    private static readonly Gen<(int Gap, int Current, int Desired)[]> GenSteps =
        Gen.Select(Gen.OneOfConst(0, 5, 10, 15, 15, 15, 30, 60, 120), Gen.Int[0, 30], Gen.Int[0, 30]).Array[1, 80];

    [Fact]
    public void Stabilize_RandomSequences_EqualsFaithfulHpaList()
    {
        Gen.Select(Gen.Int[0, 40], Gen.Int[0, 80], GenSteps).Sample((up, down, steps) =>
        {
            var behavior = Windows(5 * up, 5 * down);
            var compact = BehaviorState.Empty;
            IReadOnlyList<TimedReplicas> faithful = [];
            var now = T0;
            var times = new List<DateTimeOffset>();
            foreach (var (gap, current, desired) in steps)
            {
                now = now.AddSeconds(gap);
                times.Add(now);
                (var expected, faithful) = HpaRecommendationLog.StabilizeWithBehavior(faithful, current, desired, behavior, now);
                (var actual, compact) = Stabilization.Apply(current, desired, behavior, compact, now);

                Assert.Equal(expected, actual);
                // Bounded by the distinct instants inside each window, however long the run.
                Assert.True(compact.UpWindow.Count <= Distinct(times, now - behavior.ScaleUp.StabilizationWindow));
                Assert.True(compact.DownWindow.Count <= Distinct(times, now - behavior.ScaleDown.StabilizationWindow));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RateLimit_RandomSequences_NeverExceedsThePolicies()
    {
        var gen = Gen.Select(GenBehavior, Gen.Int[1, 5], Gen.Int[20, 60],
            Gen.Select(Gen.OneOfConst(5, 15, 15, 30, 60), Gen.Int[0, 70]).Array[1, 60]);
        gen.Sample((behavior, min, max, steps) =>
        {
            var state = BehaviorState.Empty;
            var history = new List<(DateTimeOffset Time, int After)> { (DateTimeOffset.MinValue, min) };
            var now = T0;
            foreach (var (gap, desired) in steps)
            {
                now = now.AddSeconds(gap);
                var current = history[^1].After;
                var replicas = RateLimits.Apply(current, desired, min, max, behavior, state, now).Replicas;

                Assert.InRange(replicas, min, max);
                if (replicas > current) Assert.True(replicas <= Allowed(behavior.ScaleUp, history, now, up: true));
                if (replicas < current) Assert.True(replicas >= Allowed(behavior.ScaleDown, history, now, up: false));
                if (replicas == current) continue;
                state = ScaleEvents.Record(state, behavior, current, replicas, now);
                history.Add((now, replicas));
            }
        }, iter: Iterations);
    }

    [Fact]
    public void RateLimit_AnyInput_StaysWithinMinMax()
    {
        Gen.Select(Gen.Int[0, 100], Gen.Int[-5, 200], Gen.Int[0, 10], Gen.Int[0, 90], GenBehavior,
                Gen.Select(Gen.Int[-200, 0], Gen.Int[1, 30]).Array[0, 6], Gen.Select(Gen.Int[-200, 0], Gen.Int[1, 30]).Array[0, 6])
            .Sample((current, desired, min, span, behavior, ups, downs) =>
            {
                var state = BehaviorState.Empty with
                {
                    ScaleUpEvents = ups.Select(e => new TimedReplicas(At(e.Item1), e.Item2)).OrderBy(e => e.Time).ToArray(),
                    ScaleDownEvents = downs.Select(e => new TimedReplicas(At(e.Item1), e.Item2)).OrderBy(e => e.Time).ToArray(),
                };
                var max = Math.Max(1, min + span);

                Assert.InRange(RateLimits.Apply(current, desired, min, max, behavior, state, T0).Replicas, min, max);
            }, iter: Iterations);
    }

    [Fact]
    public void RateLimit_CompactEvents_EqualHpaEventLists_WhenLongestPeriodsMatch()
    {
        // With one longest period for both directions, HPA's slot reuse never drops an event that
        // a period could still read, so the pruned state must give exactly HPA's limits.
        var gen = from longest in Gen.OneOfConst(15, 30, 60, 120)
                  from up in GenRules(scalingUp: true, Periods(longest))
                  from down in GenRules(scalingUp: false, Periods(longest))
                  from steps in Gen.Select(Gen.OneOfConst(5, 15, 15, 30, 60), Gen.Int[0, 70]).Array[1, 60]
                  select (Behavior: new ScalingBehavior(WithPeriod(up, longest), WithPeriod(down, longest)), Steps: steps);
        gen.Sample(run =>
        {
            var compact = BehaviorState.Empty;
            IReadOnlyList<HpaScaleEvent> hpaUp = [], hpaDown = [];
            var (current, now) = (10, T0);
            foreach (var (gap, desired) in run.Steps)
            {
                now = now.AddSeconds(gap);
                var expected = RateLimits.Apply(current, desired, 1, 60, run.Behavior,
                    HpaScaleEventLog.Changes(hpaUp), HpaScaleEventLog.Changes(hpaDown), now);
                var actual = RateLimits.Apply(current, desired, 1, 60, run.Behavior, compact, now);

                Assert.Equal(expected, actual);
                if (actual.Replicas == current) continue;
                compact = ScaleEvents.Record(compact, run.Behavior, current, actual.Replicas, now);
                if (actual.Replicas > current) hpaUp = HpaScaleEventLog.Store(hpaUp, run.Behavior.ScaleUp.LongestPeriod, actual.Replicas - current, now);
                else hpaDown = HpaScaleEventLog.Store(hpaDown, run.Behavior.ScaleDown.LongestPeriod, current - actual.Replicas, now);
                current = actual.Replicas;
            }
        }, iter: Iterations);
    }

    /// <summary>The furthest count the rules allow, recomputed from the full scale history.</summary>
    private static int Allowed(ScalingRules rules, List<(DateTimeOffset Time, int After)> history, DateTimeOffset now, bool up)
    {
        var current = history[^1].After;
        if (rules.SelectPolicy == PolicySelection.Disabled) return current;
        var limits = rules.Policies.Select(p =>
        {
            // The replicas at the start of the period: after the last scale at or before now − period.
            var start = history.Last(h => h.Time <= now - p.Period).After;
            return (p.Type, up) switch
            {
                (RatePolicyType.Pods, true) => start + p.Value,
                (RatePolicyType.Pods, false) => start - p.Value,
                (RatePolicyType.Percent, true) => (int)Math.Ceiling(start * (1 + p.Value / 100.0)),
                _ => (int)(start * (1 - p.Value / 100.0)),
            };
        }).ToList();
        var largestChange = up == (rules.SelectPolicy == PolicySelection.Max);
        return largestChange ? limits.Max() : limits.Min();
    }

    private static int[] Periods(int longest) => new[] { 15, 30, 60, 120 }.Where(p => p <= longest).ToArray();

    private static int Distinct(List<DateTimeOffset> times, DateTimeOffset cutoff) => times.Where(t => t > cutoff).Distinct().Count();

    private static ScalingRules WithPeriod(ScalingRules rules, int seconds) =>
        rules with { Policies = [rules.Policies[0] with { Period = TimeSpan.FromSeconds(seconds) }, .. rules.Policies.Skip(1)] };
}
