using SloScaler.Core.Behavior;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Policy;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Reconcile;

/// <summary>Builds the policy status from a decision, and judges whether a change is worth a write.</summary>
public static class StatusBuilder
{
    /// <summary>Telemetry that moves every tick (load, p99, attainment) is rewritten at most this often.</summary>
    public static readonly TimeSpan TelemetryRefresh = TimeSpan.FromMinutes(2);

    public static ScalingPolicyStatus Invalid(ScalingPolicyStatus? previous, IReadOnlyList<ValidationProblem> problems, long? generation, DateTimeOffset now)
    {
        var message = string.Join("; ", problems);
        var conditions = Conditions.Set(previous?.Conditions, ConditionTypes.SpecValid, "False", ConditionReasons.InvalidSpec, message, now, generation);
        conditions = Conditions.Set(conditions, ConditionTypes.Ready, "False", ConditionReasons.InvalidSpec, "the spec is invalid; nothing is scaled", now, generation);
        return (previous ?? new ScalingPolicyStatus()) with { ObservedGeneration = generation, Conditions = conditions };
    }

    public static ScalingPolicyStatus TargetProblem(
        ScalingPolicyStatus? previous, ScaleReading reading, TargetReference target, long? generation, DateTimeOffset now)
    {
        var reason = reading.Kind == ScaleReadingKind.NotFound ? ConditionReasons.TargetNotFound : ConditionReasons.TargetUnreadable;
        var conditions = Conditions.Set(previous?.Conditions, ConditionTypes.SpecValid, "True", ConditionReasons.Valid, "the spec is valid", now, generation);
        conditions = Conditions.Set(conditions, ConditionTypes.Ready, "False", reason, $"{target}: {reading.Message}", now, generation);
        return (previous ?? new ScalingPolicyStatus()) with { ObservedGeneration = generation, Conditions = conditions };
    }

    public static ScalingPolicyStatus FromDecision(
        ScalingPolicyStatus? previous, Decision decision, EngineState state, PolicySettings policy, long? generation, bool dryRun, string? scaleError,
        Observation? observation = null)
    {
        var now = decision.Time;
        var c = previous?.Conditions is { } kept ? new List<PolicyCondition>(kept) : new List<PolicyCondition>(5);
        Conditions.Put(c, ConditionTypes.SpecValid, "True", ConditionReasons.Valid, "the spec is valid", now, generation);
        if (scaleError is not null)
            Conditions.Put(c, ConditionTypes.Ready, "False", ConditionReasons.ScaleFailed, scaleError, now, generation);
        else if (!decision.MetricsAvailable)
            Conditions.Put(c, ConditionTypes.Ready, "False", ConditionReasons.MetricsUnavailable, decision.Reason, now, generation);
        else
            Conditions.Put(c, ConditionTypes.Ready, "True", ConditionReasons.Reconciled, decision.Reason, now, generation);
        if (decision.MetricsAvailable)
            Conditions.Put(c, ConditionTypes.MetricsAvailable, "True", ConditionReasons.MetricsKnown, "every query returned one finite value", now, generation);
        else if (observation is not null && RejectedQuery(policy, observation) is { } rejected)
            Conditions.Put(c, ConditionTypes.MetricsAvailable, "False", ConditionReasons.QueryRejected, rejected, now, generation);
        else
            Conditions.Put(c, ConditionTypes.MetricsAvailable, "False", ConditionReasons.MetricsUnavailable, decision.MetricsProblem ?? "unknown", now, generation);
        switch (decision.SloMet)
        {
            case true:
                Conditions.Put(c, ConditionTypes.SloMet, "True", ConditionReasons.ObjectiveMet, $"p99 {Fmt.Latency(decision.LatencySeconds!.Value)} ≤ {Fmt.Latency(decision.Objective)}", now, generation);
                break;
            case false:
                Conditions.Put(c, ConditionTypes.SloMet, "False", ConditionReasons.ObjectiveMissed, $"p99 {Fmt.Latency(decision.LatencySeconds!.Value)} > {Fmt.Latency(decision.Objective)}", now, generation);
                break;
            default:
                Conditions.Put(c, ConditionTypes.SloMet, "Unknown", ConditionReasons.LatencyUnknown, "the tail latency is unknown", now, generation);
                break;
        }
        if (decision.LimitedBy is { } limit)
            Conditions.Put(c, ConditionTypes.ScalingLimited, "True", limit, LimitMessage(decision, limit), now, generation);
        else
            Conditions.Put(c, ConditionTypes.ScalingLimited, "False", ConditionReasons.DesiredWithinRange, "the recommendation is within the behavior's limits", now, generation);

        var scaled = !dryRun && scaleError is null && decision.Changes;
        var ratio = AttainmentTracker.Ratio(state.Attainment);
        return new ScalingPolicyStatus
        {
            ObservedGeneration = generation,
            CurrentReplicas = decision.CurrentReplicas,
            DesiredReplicas = decision.DesiredReplicas,
            RecommendedReplicas = decision.RecommendedReplicas,
            LoadParameters = decision.Loads.Select(l => new LoadParameterStatus
            {
                Name = l.Name, Value = l.Value, Forecast = l.Forecast, PerReplica = l.PerReplica, Replicas = l.Replicas,
            }).ToList(),
            LoadPerReplica = LoadPerReplica(decision),
            Latency = decision.LatencySeconds is { } l ? Fmt.Latency(l) : null,
            Objective = Fmt.Latency(policy.Slo.Objective),
            SloMet = decision.SloMet,
            Attainment = ratio is null ? previous?.Attainment : new AttainmentStatus { Window = Duration.Format(AttainmentTracker.Window), Ratio = Math.Round(ratio.Value, 4) },
            LastScaleTime = scaled ? now : previous?.LastScaleTime,
            LastDecision = new DecisionSummary { Time = now, From = decision.CurrentReplicas, To = decision.DesiredReplicas, Reason = decision.Reason, DryRun = dryRun ? true : null },
            Conditions = c,
            EngineState = state,
        };
    }

    private static string LimitMessage(Decision decision, string limit)
    {
        for (var i = decision.Stages.Count - 1; i >= 0; i--)
        {
            if (decision.Stages[i].Reason == limit) return decision.Stages[i].Message;
        }
        return limit;
    }

    /// <summary>
    /// Whether the new status differs from the stored one in a way worth a write: a condition's
    /// status or reason, replicas, last scale time, observed generation, the restart state's
    /// extremes, or telemetry older than <see cref="TelemetryRefresh"/>.
    /// </summary>
    public static bool IsMaterial(ScalingPolicyStatus? old, ScalingPolicyStatus now)
    {
        if (old is null) return true;
        if (old.ObservedGeneration != now.ObservedGeneration || old.CurrentReplicas != now.CurrentReplicas
            || old.DesiredReplicas != now.DesiredReplicas || old.RecommendedReplicas != now.RecommendedReplicas
            || old.LastScaleTime != now.LastScaleTime || old.SloMet != now.SloMet)
            return true;
        var oldConditions = old.Conditions ?? [];
        var newConditions = now.Conditions ?? [];
        if (oldConditions.Count != newConditions.Count) return true;
        foreach (var c in newConditions.Each())
        {
            var o = Conditions.Find(oldConditions, c.Type);
            if (o is null || o.Status != c.Status || o.Reason != c.Reason) return true;
        }
        if (RestartStateDiffers(old.EngineState, now.EngineState)) return true;
        var lastWrite = old.LastDecision?.Time;
        var current = now.LastDecision?.Time;
        if (lastWrite is null && current is null) return false; // nothing evaluated either time (invalid spec, missing target)
        return lastWrite is null || current is null || current - lastWrite >= TelemetryRefresh;
    }

    private static bool RestartStateDiffers(EngineState? a, EngineState? b)
    {
        if (a is null || b is null) return a != b;
        return a.CapacityFactor != b.CapacityFactor
            || a.ConsecutiveFailures != b.ConsecutiveFailures
            || Front(a.Behavior.DownWindow) != Front(b.Behavior.DownWindow)
            || Front(a.Behavior.UpWindow) != Front(b.Behavior.UpWindow)
            || a.Behavior.ScaleUpEvents.Count != b.Behavior.ScaleUpEvents.Count
            || a.Behavior.ScaleDownEvents.Count != b.Behavior.ScaleDownEvents.Count;
    }

    // The extreme's value is what a restart needs; its timestamp is refreshed with the telemetry, so a
    // restart can at most shorten a stabilization window by TelemetryRefresh.
    private static int? Front(IReadOnlyList<TimedReplicas> window) => window.Count > 0 ? window[0].Replicas : null;

    private static string LoadPerReplica(Decision decision)
    {
        var replicas = Math.Max(decision.CurrentReplicas, 1);
        return string.Join(", ", decision.Loads.Select(l =>
            l.Value is { } v ? $"{l.Name} {Fmt.Num(v / replicas)}/{Fmt.Num(l.PerReplica)}" : $"{l.Name} ?/{Fmt.Num(l.PerReplica)}"));
    }

    /// <summary>
    /// The spec field of the first query Prometheus refused as invalid, with its message
    /// (<c>spec.slo.latencyQuery: Prometheus refused the query: …</c>), or null when none was refused.
    /// </summary>
    internal static string? RejectedQuery(PolicySettings policy, Observation observation)
    {
        for (var i = 0; i < observation.Loads.Count && i < policy.LoadParameters.Count; i++)
        {
            if (observation.Loads[i].Reading.Kind == MetricReadingKind.Rejected)
                return $"spec.loadParameters[{i}].query ({policy.LoadParameters[i].Name}): Prometheus refused the query: {observation.Loads[i].Reading.Detail}";
        }
        return observation.Latency.Kind == MetricReadingKind.Rejected
            ? $"spec.slo.latencyQuery: Prometheus refused the query: {observation.Latency.Detail}"
            : null;
    }
}
