using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// Learns the effective per-replica capacity from what latency says, as a factor of the declared
/// targets. Evidence counts only when the latency window saw the current replicas, all ready:
/// <list type="bullet">
/// <item>A miss whose p99 is falling since the last evaluation is a backlog draining after a scale-out,
/// not evidence about capacity; the engine waits.</item>
/// <item>The objective is missed although the load-based sizing says the current replicas suffice:
/// the targets are too optimistic. The factor drops to the utilisation carried now, scaled by
/// <c>objective / p99</c> (kept within [0.5, 0.9]) so a large miss corrects fast.</item>
/// <item>The objective is met at a utilisation above the factor: replicas carried that much, so the
/// factor rises to it (never above the declared targets).</item>
/// </list>
/// </summary>
internal static class CapacityLearner
{
    public const double MinFactor = 0.05;
    public const int ExplainedMissWindows = 5;

    public sealed record Outcome(double Factor, bool Changed, string? Note);

    public static Outcome Learn(PolicySettings policy, Observation observation, EngineState state, DateTimeOffset now)
    {
        var factor = Math.Clamp(state.CapacityFactor, MinFactor, 1.0);
        var unchanged = new Outcome(factor, false, null);
        if (observation.Latency.KnownValue is not { } latency) return unchanged;
        var ready = observation.ReadyReplicas ?? observation.CurrentReplicas;
        if (ready <= 0 || ready != observation.CurrentReplicas) return unchanged;
        if (state.StableSince is not { } since || now - since < policy.Slo.Window) return unchanged;

        // The parameter that loads the replicas most, relative to its declared target.
        double utilisation = 0;
        foreach (var parameter in policy.LoadParameters)
        {
            if (observation.LoadOf(parameter.Name)?.KnownValue is { } value)
                utilisation = Math.Max(utilisation, value / (parameter.TargetPerReplica * ready));
        }
        if (utilisation <= 0) return unchanged;

        var objective = policy.Slo.Objective.TotalSeconds;
        if (latency > objective)
        {
            var sized = LoadSizer.Recommend(policy, observation, factor);
            if (sized is null || sized > observation.CurrentReplicas) return unchanged; // the load explains the miss
            // One miss is not evidence (a burst averaged away by the rate window still shows in the p99), and a
            // falling p99 is a backlog draining after a scale-out: learn only from a miss that persists and holds.
            if (state.LastLatency is not { } previous || previous <= objective || latency < previous) return unchanged;
            // A miss that the load explained (a scale-out was under way) leaves a backlog whose p99 can sit at
            // the histogram's top bucket while it drains: until the objective is met again, give it a few
            // windows before blaming capacity.
            if (state.LastExplainedMiss is { } explained && now - explained < policy.Slo.Window * ExplainedMissWindows) return unchanged;
            var learned = Math.Max(MinFactor, utilisation * Math.Clamp(objective / latency, 0.5, 0.9));
            if (learned >= factor) return unchanged;
            return new Outcome(learned, true,
                $"p99 {Fmt.Latency(latency)} > {Fmt.Latency(objective)} at {Fmt.Percent(utilisation)} of target per replica: capacity learned {Fmt.Percent(learned)} of target");
        }
        if (utilisation > factor && factor < 1.0)
        {
            var learned = Math.Min(1.0, utilisation);
            return new Outcome(learned, true,
                $"p99 {Fmt.Latency(latency)} met at {Fmt.Percent(utilisation)} of target per replica: capacity raised to {Fmt.Percent(learned)} of target");
        }
        return unchanged;
    }
}
