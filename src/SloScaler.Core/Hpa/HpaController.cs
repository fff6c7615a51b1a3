using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// The Kubernetes HorizontalPodAutoscaler (autoscaling/v2) for one External AverageValue metric,
/// faithful to <c>horizontal.go</c>: call <see cref="Step"/> once per sync period with the state the
/// previous step returned. Pure: no clock, no I/O, no mutable state.
/// </summary>
public sealed class HpaController
{
    private readonly HpaTolerances _tolerances;
    private readonly long _targetMilli;

    public HpaController(HpaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfNegative(spec.MinReplicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.MaxReplicas, Math.Max(1, spec.MinReplicas));
        if (!double.IsFinite(spec.TargetAverageValue) || spec.TargetAverageValue <= 0)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.TargetAverageValue, "the target average value must be positive");
        if (!double.IsFinite(spec.Tolerance) || spec.Tolerance < 0)
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Tolerance, "the tolerance must not be negative");
        Spec = spec;
        _tolerances = HpaTolerances.Symmetric(spec.Tolerance);
        _targetMilli = Math.Max(1, HpaQuantity.TargetMilli(spec.TargetAverageValue));
    }

    public HpaSpec Spec { get; }

    /// <summary>One sync: read, recommend, stabilize, rate-limit, clamp, and remember what was done.</summary>
    public HpaDecision Step(HpaState state, HpaObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        var current = observation.SpecReplicas;
        // HPA seeds the history with the current replicas the first time it sees the target.
        if (state.Recommendations.Count == 0) state = state with { Recommendations = [new TimedReplicas(now, current)] };

        if (current == 0 && Spec.MinReplicas != 0)
            return new HpaDecision(0, false, StageReasons.ScalingDisabled, "scaling is disabled since the replica count of the target is zero", state);
        if (current > Spec.MaxReplicas)
            return Rescale(state, current, Spec.MaxReplicas, StageReasons.TooManyReplicas, "the current replicas are above maxReplicas", now);
        if (current < Spec.MinReplicas)
            return Rescale(state, current, Spec.MinReplicas, StageReasons.TooFewReplicas, "the current replicas are below minReplicas", now);
        if (observation.MetricTotal is not { } total || !double.IsFinite(total))
            return new HpaDecision(current, false, HpaReasons.FailedGetExternalMetric, "the external metric could not be read: keeping the current replicas", state);

        var proposal = ExternalPerPodMetric.Replicas(observation.StatusReplicas, HpaQuantity.ReportedMilli(total), _targetMilli, _tolerances);
        var desired = Math.Max(0, proposal.Replicas);
        var (stabilized, limited, log) = Spec.Behavior is { } behavior
            ? WithBehavior(state, behavior, current, desired, now)
            : WithoutBehavior(state, current, desired, now);
        state = state with { Recommendations = log };

        var (reason, message) = limited.Replicas != stabilized.Replicas ? (HpaReason(limited, stabilized, current), limited.Message)
            : stabilized.Replicas != desired ? (stabilized.Reason, stabilized.Message)
            : (StageReasons.DesiredWithinRange, $"the metric asks for {desired} replicas");
        var decision = limited.Replicas == current
            ? new HpaDecision(current, false, reason, message, state)
            : Rescale(state, current, limited.Replicas, reason, message, now);
        return decision with { Proposal = proposal, Stabilized = stabilized, Limited = limited };
    }

    private (StageOutcome Stabilized, StageOutcome Limited, TimedReplicas[] Log) WithBehavior(
        HpaState state, ScalingBehavior behavior, int current, int desired, DateTimeOffset now)
    {
        var (stabilized, log) = HpaRecommendationLog.StabilizeWithBehavior(state.Recommendations, current, desired, behavior, now);
        var limited = RateLimits.Apply(current, stabilized.Replicas, Spec.MinReplicas, Spec.MaxReplicas, behavior,
            HpaScaleEventLog.Changes(state.ScaleUpEvents), HpaScaleEventLog.Changes(state.ScaleDownEvents), now);
        return (stabilized, limited, log);
    }

    private (StageOutcome Stabilized, StageOutcome Limited, TimedReplicas[] Log) WithoutBehavior(
        HpaState state, int current, int desired, DateTimeOffset now)
    {
        var (replicas, log) = HpaRecommendationLog.StabilizeLegacy(state.Recommendations, desired, HpaDefaults.DownscaleStabilizationWindow, now);
        var stabilized = replicas == desired
            ? new StageOutcome(replicas, StageReasons.DesiredWithinRange, "no recent recommendation holds the desired count back")
            : new StageOutcome(replicas, StageReasons.ScaleDownStabilized, $"recent recommendations were higher: holding at {replicas}, the highest in the downscale window");
        return (stabilized, LegacyLimits.Apply(current, replicas, Spec.MinReplicas, Spec.MaxReplicas), log);
    }

    private HpaDecision Rescale(HpaState state, int current, int desired, string reason, string message, DateTimeOffset now)
    {
        if (Spec.Behavior is { } behavior)
        {
            state = desired > current
                ? state with { ScaleUpEvents = HpaScaleEventLog.Store(state.ScaleUpEvents, behavior.ScaleUp.LongestPeriod, desired - current, now) }
                : state with { ScaleDownEvents = HpaScaleEventLog.Store(state.ScaleDownEvents, behavior.ScaleDown.LongestPeriod, current - desired, now) };
        }
        return new HpaDecision(desired, true, reason, $"{message}: {current} → {desired}", state with { LastScaleTime = now });
    }

    /// <summary>HPA names a disabled direction by the limit it hits.</summary>
    private static string HpaReason(StageOutcome limited, StageOutcome stabilized, int current) =>
        limited.Reason != StageReasons.ScalingDisabled ? limited.Reason
        : stabilized.Replicas > current ? StageReasons.ScaleUpLimit : StageReasons.ScaleDownLimit;
}
