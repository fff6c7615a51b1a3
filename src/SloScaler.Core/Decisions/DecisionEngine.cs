using SloScaler.Core.Behavior;
using SloScaler.Core.Observations;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// The decision engine: a pure function of (policy, observation, remembered state, now) to a
/// decision and the new state. A short pipeline of named stages: learn capacity → size from the
/// load (with forecast and tolerance) → keep the SLO and the unknowns from scaling in → stabilize
/// → rate-limit and clamp, every stage leaving its contribution in the decision.
/// </summary>
public static class DecisionEngine
{
    /// <param name="policy">The validated policy.</param>
    /// <param name="observation">What was measured this tick.</param>
    /// <param name="state">What the engine remembered from the last decision.</param>
    /// <param name="now">The time of this decision.</param>
    /// <param name="apply">False in dry-run: the decision is not applied, so no scale event is remembered.</param>
    public static (Decision Decision, EngineState State) Decide(
        PolicySettings policy, Observation observation, EngineState state, DateTimeOffset now, bool apply = true)
    {
        var current = observation.CurrentReplicas;
        var parts = new List<string>();
        var stages = new List<StageContribution>();

        var idle = NoTraffic(policy, observation);
        var unknown = DescribeUnknowns(policy, observation, idle);
        var latency = observation.Latency.KnownValue;
        var objective = policy.Slo.Objective.TotalSeconds;
        bool? sloMet = latency is null ? null : latency <= objective;
        var failures = unknown.Count > 0 ? state.ConsecutiveFailures + 1 : 0;
        var ready = observation.ReadyReplicas ?? current;
        var stableSince = ready == current ? state.StableSince ?? now : (DateTimeOffset?)null;

        // Streaks of misses and mets, and the last latency, hold only across evaluations that follow each
        // other: a gap (unknown latency, an operator restart, a night without traffic) starts them afresh.
        var continuous = state.LastEvaluationTime is { } previousEvaluation && now - previousEvaluation <= policy.Interval * 2;
        var evidence = continuous ? state : state with { MissingSince = null, MeetingSince = null, LastLatency = null };

        // 1. Learn capacity from latency, 2. size from the load (forecast, tolerance).
        var capacity = CapacityLearner.Learn(policy, observation, evidence with { StableSince = stableSince }, now);
        var sizing = Sizing.Run(policy, observation, state, capacity.Factor, now);
        var recommendation = sizing.Replicas ?? current;
        if (capacity.Changed)
        {
            var before = Sizing.Run(policy, observation, state, state.CapacityFactor, now);
            parts.Add(before.Text);
            parts.Add($"{capacity.Note} → {recommendation}");
        }
        else
        {
            parts.Add(sizing.Text);
            if (capacity.Note is not null) parts.Add(capacity.Note);
        }
        stages.Add(new StageContribution("Load", recommendation, sizing.Replicas is null ? "LoadUnknown" : "LoadSized", sizing.Text));

        // 3. Keep the SLO, and never let unknown data scale in.
        var (guarded, sloReason, sloMessage) = GuardScaleIn(policy, recommendation, current, latency, objective, sizing, idle);
        if (sloMessage is not null) parts.Add(sloMessage);
        recommendation = guarded;
        stages.Add(new StageContribution("Slo", recommendation, sloReason, sloMessage ?? "no SLO correction"));

        // 4. Unavailable metrics, or stabilization and rate limits.
        var behavior = state.Behavior;
        int recommended;
        string? limitedBy = null;
        DecisionResult? result = null;
        if (failures >= policy.OnMetricsUnavailable.AfterFailures)
        {
            var (replicas, held, message) = Unavailable(policy, current, failures);
            recommended = replicas;
            result = held;
            parts.Add(message);
            stages.Add(new StageContribution("MetricsUnavailable", replicas, held.ToString(), message));
        }
        else
        {
            var (stabilized, newBehavior) = Stabilization.Apply(current, recommendation, policy.Behavior, behavior, now);
            stages.Add(new StageContribution("Stabilization", stabilized.Replicas, stabilized.Reason, stabilized.Message));
            if (stabilized.Replicas != recommendation)
            {
                limitedBy = stabilized.Reason;
                parts.Add(StageText.Stabilized(stabilized, recommendation, policy.Behavior));
            }
            var limited = RateLimits.Apply(current, stabilized.Replicas, policy.MinReplicas, policy.MaxReplicas, policy.Behavior, newBehavior, now);
            stages.Add(new StageContribution("RateLimit", limited.Replicas, limited.Reason, limited.Message));
            if (limited.Replicas != stabilized.Replicas)
            {
                limitedBy = limited.Reason;
                parts.Add(StageText.Limited(limited, policy));
            }
            behavior = newBehavior;
            recommended = limited.Replicas;
        }

        var desired = recommended;
        if (policy.Mode == ScalingMode.Manual)
        {
            desired = policy.ManualReplicas ?? current;
            result = DecisionResult.Manual;
            parts.Add($"Manual: keep {desired} (elastic would set {recommended})");
        }
        result ??= desired > current ? DecisionResult.ScaleUp : desired < current ? DecisionResult.ScaleDown : DecisionResult.Unchanged;
        if (result is DecisionResult.ScaleUp or DecisionResult.ScaleDown or DecisionResult.Unchanged && policy.Mode == ScalingMode.Elastic)
            parts.Add(desired == current ? $"keep {current}" : $"scale {current} → {desired}");

        var scaled = apply && desired != current;
        if (scaled) behavior = ScaleEvents.Record(behavior, policy.Behavior, current, desired, now);
        var attainment = latency is null ? state.Attainment
            : AttainmentTracker.Add(state.Attainment, now, sloMet == true, Evaluated(state.LastEvaluationTime, now, policy.Interval));

        var decision = new Decision
        {
            Time = now,
            Mode = policy.Mode,
            CurrentReplicas = current,
            RecommendedReplicas = recommended,
            DesiredReplicas = desired,
            Result = result.Value,
            Loads = sizing.Loads,
            LatencySeconds = latency,
            Objective = policy.Slo.Objective,
            SloMet = sloMet,
            MetricsAvailable = unknown.Count == 0,
            MetricsProblem = unknown.Count == 0 ? null : string.Join("; ", unknown),
            CapacityFactor = capacity.Factor,
            Stages = stages,
            LimitedBy = limitedBy,
            Reason = string.Join("; ", parts),
        };
        var newState = state with
        {
            Behavior = behavior,
            CapacityFactor = capacity.Factor,
            CapacityLearnedAt = capacity.Changed ? now : state.CapacityLearnedAt,
            ConsecutiveFailures = failures,
            LastScaleTime = scaled ? now : state.LastScaleTime,
            StableSince = scaled ? null : stableSince,
            LastEvaluationTime = now,
            LastLatency = latency,
            LastExplainedMiss = sloMet == false && sizing.Replicas > current ? now : sloMet == true ? null : state.LastExplainedMiss,
            LoadHistory = sizing.History,
            MissingSince = sloMet == false ? evidence.MissingSince ?? now : null,
            MeetingSince = sloMet == true ? evidence.MeetingSince ?? now : null,
            LastLowered = capacity.Lowered ?? (capacity.Changed ? null : state.LastLowered),
            MissedAt = capacity.Lowered ?? state.MissedAt,
            BestMet = capacity.Lowered is null ? capacity.BestMet : null,
            Attainment = attainment,
        };
        return (decision, newState);
    }

    private static List<string> DescribeUnknowns(PolicySettings policy, Observation observation, bool idle)
    {
        var unknown = new List<string>();
        foreach (var parameter in policy.LoadParameters.Each())
        {
            var reading = observation.LoadOf(parameter.Name);
            if (reading is null || !reading.IsKnown) unknown.Add($"{parameter.Name}: {reading?.ToString() ?? "unknown (not observed)"}");
        }
        if (!observation.Latency.IsKnown && !idle) unknown.Add($"latency: {observation.Latency}");
        return unknown;
    }

    /// <summary>
    /// No traffic: every load parameter is known to be 0 and the latency query answered NaN
    /// (<c>histogram_quantile</c> over buckets that exist but did not move). The latency is not missing
    /// then, there is none to measure. No series at all is still missing: with a load query that
    /// defaults to 0 (<c>… or vector(0)</c>), a target no longer scraped looks idle, and must not scale in.
    /// </summary>
    private static bool NoTraffic(PolicySettings policy, Observation observation) =>
        observation.Latency.Kind == MetricReadingKind.NotANumber
        && policy.LoadParameters.All(p => observation.LoadOf(p.Name)?.KnownValue == 0);

    /// <summary>A p99 this many times the objective means requests are queued, not merely slow.</summary>
    public const double BacklogLatencyFactor = 4;

    /// <summary>Extra replicas, as a fraction, while a backlog drains.</summary>
    public const double BacklogHeadroom = 0.2;

    private static (int Replicas, string Reason, string? Message) GuardScaleIn(
        PolicySettings policy, int recommendation, int current, double? latency, double objective, Sizing.Outcome sizing, bool idle)
    {
        var p99 = latency is { } l ? $"p99 {Fmt.Latency(l)}" : "p99 unknown";
        if (sizing.Replicas is null)
            return (current, "LoadUnknown", $"load unknown → keep {current}");
        if (sizing.AnyUnknown && recommendation < current)
            return (current, "LoadUnknown", $"some load unknown → no scale-in below {current}");
        if (latency is null && idle)
            return (recommendation, "NoTraffic", recommendation < current ? "no requests, so no p99 to wait for" : null);
        if (latency is null)
            return recommendation < current ? (current, "LatencyUnknown", $"{p99} → no scale-in below {current}") : (recommendation, "LatencyUnknown", null);
        if (latency > objective)
        {
            var missed = $"{p99} > {Fmt.Latency(objective)}";
            // Far over the objective with the load already sized for: a backlog is queued. Replicas
            // sized exactly for the arrivals drain it only with what capacity they have to spare.
            if (latency > objective * BacklogLatencyFactor && recommendation >= current && recommendation > 0)
            {
                var drain = (int)Math.Ceiling(recommendation * (1 + BacklogHeadroom));
                return (drain, "SloMissed", $"{missed}: backlog queued → +{Fmt.Percent(BacklogHeadroom)} to drain it → {drain}");
            }
            return recommendation < current
                ? (current, "SloMissed", $"{missed} → no scale-in below {current}")
                : (recommendation, "SloMissed", $"{missed} → {recommendation}");
        }
        return (recommendation, "SloMet", null);
    }

    private static (int Replicas, DecisionResult Result, string Message) Unavailable(PolicySettings policy, int current, int failures)
    {
        var settings = policy.OnMetricsUnavailable;
        if (settings.Action == MetricsUnavailableAction.Fallback && settings.FallbackReplicas is { } fallback)
        {
            var target = Math.Clamp(Math.Max(current, fallback), policy.MinReplicas, policy.MaxReplicas);
            return (target, DecisionResult.Fallback,
                $"metrics unavailable for {failures} evaluations → Fallback to {target}" + (fallback < current ? $" (never below current {current} while blind)" : ""));
        }
        return (current, DecisionResult.Held, $"metrics unavailable for {failures} evaluations → Hold {current}");
    }

    private static TimeSpan Evaluated(DateTimeOffset? last, DateTimeOffset now, TimeSpan interval)
    {
        if (last is not { } previous || now <= previous) return interval;
        var elapsed = now - previous;
        return elapsed > interval * 2 ? interval : elapsed;
    }
}
