using SloScaler.Core.Behavior;
using SloScaler.Core.Observations;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// The decision engine: a pure function of (policy, observation, remembered state, now) to a
/// decision and the new state. A short pipeline of named stages: learn capacity → size from the
/// load (with forecast and tolerance) → keep the SLO and the unknowns from scaling in → stabilize
/// → rate-limit and clamp, every stage leaving its contribution in the decision: its replicas, a reason
/// from a closed set (<see cref="CapacityReasons"/>, <see cref="LoadReasons"/>, <see cref="SloReasons"/>,
/// <see cref="UnavailableReasons"/>, <see cref="Behavior.StageReasons"/>) and a message built from that reason.
/// The learner's state changes live in <see cref="CapacityLearner"/>.
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

        // 1. Capacity learning, 2. load sizing (with forecast and tolerance).
        var evidence = CapacityLearner.Evidence(policy, state, now);
        var capacity = CapacityLearner.Learn(policy, observation, evidence with { StableSince = stableSince }, now);
        var sizing = Sizing.Run(policy, observation, state, capacity.Factor, now);
        var recommendation = sizing.Replicas ?? current;
        stages.Add(CapacityStage(capacity, recommendation));
        stages.Add(LoadStage(sizing, recommendation));
        parts.AddRange(LoadText(policy, observation, state, now, sizing, capacity, recommendation));

        // 3. SLO guard: keep the SLO, and never let unknown data scale in.
        var slo = GuardScaleIn(recommendation, current, latency, objective, sizing, idle);
        var sloMessage = SloText(slo, recommendation, current, latency, objective, sizing);
        if (sloMessage is not null) parts.Add(sloMessage);
        recommendation = slo.Replicas;
        stages.Add(new StageContribution(StageNames.Slo, recommendation, slo.Reason, sloMessage ?? "no SLO correction"));

        // 4. Unknowns (metrics unavailable too long), or 5. stabilization and 6. rate limits.
        var behavior = state.Behavior;
        int recommended;
        string? limitedBy = null;
        DecisionResult? result = null;
        if (failures >= policy.OnMetricsUnavailable.AfterFailures)
        {
            var (replicas, reason) = Unavailable(policy, current);
            var message = UnavailableText(reason, replicas, policy, current, failures);
            recommended = replicas;
            result = reason == UnavailableReasons.Fallback ? DecisionResult.Fallback : DecisionResult.Held;
            parts.Add(message);
            stages.Add(new StageContribution(StageNames.MetricsUnavailable, replicas, reason, message));
        }
        else
        {
            var (stabilized, newBehavior) = Stabilization.Apply(current, recommendation, policy.Behavior, behavior, now);
            stages.Add(new StageContribution(StageNames.Stabilization, stabilized.Replicas, stabilized.Reason, stabilized.Message));
            if (stabilized.Replicas != recommendation)
            {
                limitedBy = stabilized.Reason;
                parts.Add(StageText.Stabilized(stabilized, recommendation, policy.Behavior));
            }
            var limited = RateLimits.Apply(current, stabilized.Replicas, policy.MinReplicas, policy.MaxReplicas, policy.Behavior, newBehavior, now);
            stages.Add(new StageContribution(StageNames.RateLimit, limited.Replicas, limited.Reason, limited.Message));
            if (limited.Replicas != stabilized.Replicas)
            {
                limitedBy = limited.Reason;
                parts.Add(StageText.Limited(limited, policy));
            }
            behavior = newBehavior;
            recommended = limited.Replicas;
        }

        // Manual mode keeps its replicas, and says what elastic scaling would set.
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
            ConsecutiveFailures = failures,
            LastScaleTime = scaled ? now : state.LastScaleTime,
            StableSince = scaled ? null : stableSince,
            LastEvaluationTime = now,
            LoadHistory = sizing.History,
            Attainment = attainment,
        };
        return (decision, CapacityLearner.Remember(newState, evidence, capacity, latency, objective, sizing.Replicas, current, now));
    }

    /// <summary>The capacity stage: the learned factor, and the replicas the load asks for at it.</summary>
    private static StageContribution CapacityStage(CapacityLearner.Outcome capacity, int recommendation) =>
        new(StageNames.Capacity, recommendation, capacity.Reason, capacity.Note ?? $"capacity {Fmt.Percent(capacity.Factor)} of target");

    /// <summary>The load stage: the replicas the load asks for, or unknown.</summary>
    private static StageContribution LoadStage(Sizing.Outcome sizing, int recommendation) =>
        new(StageNames.Load, recommendation, sizing.Replicas is null ? LoadReasons.LoadUnknown : LoadReasons.LoadSized, sizing.Text);

    /// <summary>The sizing in words; when capacity changed, the sizing at the old factor first, then the change.</summary>
    private static IEnumerable<string> LoadText(
        PolicySettings policy, Observation observation, EngineState state, DateTimeOffset now, Sizing.Outcome sizing, CapacityLearner.Outcome capacity, int recommendation)
    {
        if (capacity.Changed)
        {
            yield return Sizing.Run(policy, observation, state, state.CapacityFactor, now).Text;
            yield return $"{capacity.Note} → {recommendation}";
            yield break;
        }
        yield return sizing.Text;
        if (capacity.Note is not null) yield return capacity.Note;
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

    private readonly record struct SloGuard(int Replicas, string Reason);

    /// <summary>The SLO guard: one rule per line, the first that applies wins.</summary>
    private static SloGuard GuardScaleIn(int recommendation, int current, double? latency, double objective, Sizing.Outcome sizing, bool idle)
    {
        // Nothing to size from: a blind scaler keeps what it has.
        if (sizing.Replicas is null) return new(current, SloReasons.LoadUnknown);
        // A parameter we cannot see may be the one that needs the replicas: no scale-in.
        if (sizing.AnyUnknown && recommendation < current) return new(current, SloReasons.LoadUnknown);
        // No requests at all: there is no p99 to wait for, so scale-in is safe.
        if (latency is null && idle) return new(recommendation, SloReasons.NoTraffic);
        // Unknown latency may hide a miss: no scale-in.
        if (latency is null) return new(Math.Max(recommendation, current), SloReasons.LatencyUnknown);
        if (latency > objective)
        {
            // Far over the objective with the load already sized for: a backlog is queued. Replicas
            // sized exactly for the arrivals drain it only with what capacity they have to spare.
            if (latency > objective * BacklogLatencyFactor && recommendation >= current && recommendation > 0)
                return new((int)Math.Ceiling(recommendation * (1 + BacklogHeadroom)), SloReasons.BacklogQueued);
            // A miss never scales in: fewer replicas would make it worse.
            return new(Math.Max(recommendation, current), SloReasons.SloMissed);
        }
        return new(recommendation, SloReasons.SloMet);
    }

    /// <summary>The SLO guard's outcome in words; null when it has nothing to say.</summary>
    private static string? SloText(SloGuard guard, int recommendation, int current, double? latency, double objective, Sizing.Outcome sizing)
    {
        var p99 = latency is { } l ? $"p99 {Fmt.Latency(l)}" : "p99 unknown";
        var missed = $"{p99} > {Fmt.Latency(objective)}";
        return guard.Reason switch
        {
            SloReasons.LoadUnknown when sizing.Replicas is null => $"load unknown → keep {current}",
            SloReasons.LoadUnknown => $"some load unknown → no scale-in below {current}",
            SloReasons.NoTraffic => recommendation < current ? "no requests, so no p99 to wait for" : null,
            SloReasons.LatencyUnknown => recommendation < current ? $"{p99} → no scale-in below {current}" : null,
            SloReasons.BacklogQueued => $"{missed}: backlog queued → +{Fmt.Percent(BacklogHeadroom)} to drain it → {guard.Replicas}",
            SloReasons.SloMissed => recommendation < current ? $"{missed} → no scale-in below {current}" : $"{missed} → {recommendation}",
            _ => null,
        };
    }

    /// <summary>The unknowns stage, once metrics stayed unavailable for <c>afterFailures</c> evaluations.</summary>
    private static (int Replicas, string Reason) Unavailable(PolicySettings policy, int current)
    {
        var settings = policy.OnMetricsUnavailable;
        // Blind, go to the fallback, but never below current: a scale-in without data may be the one that misses.
        if (settings.Action == MetricsUnavailableAction.Fallback && settings.FallbackReplicas is { } fallback)
            return (Math.Clamp(Math.Max(current, fallback), policy.MinReplicas, policy.MaxReplicas), UnavailableReasons.Fallback);
        // Blind, hold: the replicas that were right a moment ago are the best guess there is.
        return (current, UnavailableReasons.Held);
    }

    /// <summary>The unknowns stage's outcome in words.</summary>
    private static string UnavailableText(string reason, int replicas, PolicySettings policy, int current, int failures) =>
        reason == UnavailableReasons.Fallback
            ? $"metrics unavailable for {failures} evaluations → Fallback to {replicas}"
                + (policy.OnMetricsUnavailable.FallbackReplicas < current ? $" (never below current {current} while blind)" : "")
            : $"metrics unavailable for {failures} evaluations → Hold {current}";

    private static TimeSpan Evaluated(DateTimeOffset? last, DateTimeOffset now, TimeSpan interval)
    {
        if (last is not { } previous || now <= previous) return interval;
        var elapsed = now - previous;
        // After a gap, only one interval counts as evaluated: the SLO was not watched in between.
        return CapacityLearner.Follows(previous, now, interval) ? elapsed : interval;
    }
}
