using CsCheck;
using SloScaler.Core.Behavior;
using SloScaler.Core.Hpa;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Hpa;

public sealed class HpaPropertyTests
{
    private const int Iterations = 200;

    private static readonly Gen<HpaSpec> GenSpec =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 40], Gen.Int[1, 50], Gen.Frequency((4, GenBehavior.Select(b => (ScalingBehavior?)b)), (1, Gen.Const((ScalingBehavior?)null))))
            .Select((min, span, target, behavior) => new HpaSpec(min, Math.Max(1, min + span), target, behavior));

    // One sync: seconds since the last, the metric total (sometimes unreadable), and sometimes a
    // person setting spec.replicas by hand.
    private static readonly Gen<(int Gap, double? Total, int? Override)[]> GenSyncs =
        Gen.Select(
                Gen.OneOfConst(5, 15, 15, 15, 30, 60),
                Gen.Frequency((9, Gen.Int[0, 3000].Select(t => (double?)t)), (1, Gen.Const((double?)null))),
                Gen.Frequency((19, Gen.Const((int?)null)), (1, Gen.Int[0, 60].Select(r => (int?)r))))
            .Array[1, 50];

    [Fact]
    public void Step_RandomRuns_StaysWithinMinMax()
    {
        Gen.Select(GenSpec, Gen.Int[0, 60], GenSyncs).Sample((spec, start, syncs) =>
        {
            var hpa = new HpaController(spec);
            var (state, replicas, now) = (HpaState.Empty, start, T0);
            foreach (var (gap, total, manual) in syncs)
            {
                now = now.AddSeconds(gap);
                replicas = manual ?? replicas;
                var decision = hpa.Step(state, new HpaObservation(total, replicas, replicas), now);

                var disabled = replicas == 0 && spec.MinReplicas != 0;
                if (!disabled) Assert.InRange(decision.DesiredReplicas, spec.MinReplicas, spec.MaxReplicas);
                Assert.Equal(decision.DesiredReplicas != replicas, decision.Scaled);
                (state, replicas) = (decision.State, decision.DesiredReplicas);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Step_MoreMetric_NeverFewerReplicas()
    {
        Gen.Select(GenSpec, Gen.Int[1, 40], GenSyncs, Gen.Int[0, 3000], Gen.Int[0, 500]).Sample((spec, start, syncs, lower, extra) =>
        {
            var hpa = new HpaController(spec);
            var (state, replicas, now) = (HpaState.Empty, start, T0);
            foreach (var (gap, total, _) in syncs)
            {
                now = now.AddSeconds(gap);
                var decision = hpa.Step(state, new HpaObservation(total, replicas, replicas), now);
                (state, replicas) = (decision.State, decision.DesiredReplicas);
            }
            now = now.AddSeconds(15);
            var less = hpa.Step(state, new HpaObservation(lower, replicas, replicas), now);
            var more = hpa.Step(state, new HpaObservation(lower + extra, replicas, replicas), now);

            Assert.True(less.DesiredReplicas <= more.DesiredReplicas, $"{lower} → {less.DesiredReplicas}, {lower + extra} → {more.DesiredReplicas}");
        }, iter: Iterations);
    }

    [Fact]
    public void Step_RandomRuns_EqualsCompactStagesSeededLikeHpa()
    {
        // Our engine's stages (compact state) against the reference, end to end, when both
        // directions share their longest period (see ScaleEvents.Record on why that matters).
        var gen = from longest in Gen.OneOfConst(15, 30, 60)
                  from up in GenRules(scalingUp: true, [.. new[] { 15, 30, 60 }.Where(p => p <= longest)])
                  from down in GenRules(scalingUp: false, [.. new[] { 15, 30, 60 }.Where(p => p <= longest)])
                  from start in Gen.Int[1, 30]
                  from totals in Gen.Select(Gen.OneOfConst(5, 15, 15, 30), Gen.Int[0, 3000]).Array[1, 60]
                  select (Behavior: new ScalingBehavior(Longest(up, longest), Longest(down, longest)), Start: start, Totals: totals);
        gen.Sample(run =>
        {
            var hpa = new HpaController(new HpaSpec(1, 30, 100, run.Behavior));
            var (hpaState, compact, replicas, now, first) = (HpaState.Empty, BehaviorState.Empty, run.Start, T0, true);
            foreach (var (gap, total) in run.Totals)
            {
                now = now.AddSeconds(gap);
                // HPA records the current replicas the first time it syncs the target.
                if (first) compact = Stabilization.Apply(replicas, replicas, run.Behavior, compact, now).State;
                first = false;
                var decision = hpa.Step(hpaState, new HpaObservation(total, replicas, replicas), now);

                var desired = Math.Max(0, ExternalPerPodMetric.Replicas(replicas, total * 1000L, 100_000, HpaTolerances.Default).Replicas);
                (var stabilized, compact) = Stabilization.Apply(replicas, desired, run.Behavior, compact, now);
                var limited = RateLimits.Apply(replicas, stabilized.Replicas, 1, 30, run.Behavior, compact, now);
                Assert.Equal(decision.DesiredReplicas, limited.Replicas);

                compact = ScaleEvents.Record(compact, run.Behavior, replicas, limited.Replicas, now);
                (hpaState, replicas) = (decision.State, decision.DesiredReplicas);
            }
        }, iter: Iterations);
    }

    private static ScalingRules Longest(ScalingRules rules, int seconds) =>
        rules with { Policies = [rules.Policies[0] with { Period = TimeSpan.FromSeconds(seconds) }, .. rules.Policies.Skip(1)] };
}
