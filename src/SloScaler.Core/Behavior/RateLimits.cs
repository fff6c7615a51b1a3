namespace SloScaler.Core.Behavior;

/// <summary>
/// The rate-limit and clamp stage, with HPA's meaning (<c>convertDesiredReplicasWithBehaviorRate</c>):
/// each policy allows a change measured from the replicas at the start of its period
/// (current − added + removed within it); Percent rounds up when scaling up and truncates when
/// scaling down; selectPolicy picks the largest change (Max), the smallest (Min) or none
/// (Disabled); the limit never moves past the current replicas in the wrong direction; then the
/// result is clamped to [min, max].
/// </summary>
public static class RateLimits
{
    public static StageOutcome Apply(
        int currentReplicas, int desiredReplicas, int minReplicas, int maxReplicas,
        ScalingBehavior behavior, BehaviorState state, DateTimeOffset now) =>
        Apply(currentReplicas, desiredReplicas, minReplicas, maxReplicas, behavior, state.ScaleUpEvents, state.ScaleDownEvents, now);

    /// <summary>The same stage over any pair of event lists (the HPA reference passes its own).</summary>
    internal static StageOutcome Apply(
        int currentReplicas, int desiredReplicas, int minReplicas, int maxReplicas, ScalingBehavior behavior,
        IReadOnlyList<TimedReplicas> upEvents, IReadOnlyList<TimedReplicas> downEvents, DateTimeOffset now)
    {
        var outcome = desiredReplicas > currentReplicas ? Up(currentReplicas, desiredReplicas, maxReplicas, behavior.ScaleUp, upEvents, downEvents, now)
            : desiredReplicas < currentReplicas ? Down(currentReplicas, desiredReplicas, minReplicas, behavior.ScaleDown, upEvents, downEvents, now)
            : null;
        outcome ??= new StageOutcome(desiredReplicas, StageReasons.DesiredWithinRange, "the desired count is within the allowed range");
        // Only reachable when the current replicas are outside [min, max]; HPA corrects those before this stage.
        if (outcome.Replicas > maxReplicas) return TooMany(maxReplicas);
        if (outcome.Replicas < minReplicas) return TooFew(minReplicas);
        return outcome;
    }

    private static StageOutcome? Up(int current, int desired, int max, ScalingRules rules,
        IReadOnlyList<TimedReplicas> upEvents, IReadOnlyList<TimedReplicas> downEvents, DateTimeOffset now)
    {
        var limit = Math.Max(PolicyLimit(current, rules, upEvents, downEvents, now, scalingUp: true), current);
        if (max <= limit) return desired > max ? TooMany(max) : null;
        if (desired <= limit) return null;
        return rules.SelectPolicy == PolicySelection.Disabled
            ? new StageOutcome(limit, StageReasons.ScalingDisabled, $"scaling up is disabled (selectPolicy Disabled): holding at {limit}")
            : new StageOutcome(limit, StageReasons.ScaleUpLimit, $"the scale-up policies allow at most {limit} replicas now (desired {desired})");
    }

    private static StageOutcome? Down(int current, int desired, int min, ScalingRules rules,
        IReadOnlyList<TimedReplicas> upEvents, IReadOnlyList<TimedReplicas> downEvents, DateTimeOffset now)
    {
        var limit = Math.Min(PolicyLimit(current, rules, upEvents, downEvents, now, scalingUp: false), current);
        if (min >= limit) return desired < min ? TooFew(min) : null;
        if (desired >= limit) return null;
        return rules.SelectPolicy == PolicySelection.Disabled
            ? new StageOutcome(limit, StageReasons.ScalingDisabled, $"scaling down is disabled (selectPolicy Disabled): holding at {limit}")
            : new StageOutcome(limit, StageReasons.ScaleDownLimit, $"the scale-down policies allow at least {limit} replicas now (desired {desired})");
    }

    /// <summary>
    /// The furthest replica count the policies allow in one direction (HPA's
    /// <c>calculateScaleUpLimitWithScalingRules</c> / <c>calculateScaleDownLimitWithBehaviors</c>).
    /// </summary>
    internal static int PolicyLimit(int current, ScalingRules rules,
        IReadOnlyList<TimedReplicas> upEvents, IReadOnlyList<TimedReplicas> downEvents, DateTimeOffset now, bool scalingUp)
    {
        if (rules.SelectPolicy == PolicySelection.Disabled) return current;
        // Max picks the largest change: the highest count up, the lowest count down; Min the opposite.
        var takeHigher = scalingUp == (rules.SelectPolicy == PolicySelection.Max);
        var result = takeHigher ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies)
        {
            var periodStart = current - ScaleEvents.ChangedWithin(upEvents, policy.Period, now) + ScaleEvents.ChangedWithin(downEvents, policy.Period, now);
            var proposed = (policy.Type, scalingUp) switch
            {
                (RatePolicyType.Pods, true) => periodStart + policy.Value,
                (RatePolicyType.Pods, false) => periodStart - policy.Value,
                // Rounded up so that a small percentage of few replicas still allows one more.
                (RatePolicyType.Percent, true) => (int)Math.Ceiling(periodStart * (1 + policy.Value / 100.0)),
                _ => (int)(periodStart * (1 - policy.Value / 100.0)),
            };
            result = takeHigher ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }
        return result;
    }

    private static StageOutcome TooMany(int max) =>
        new(max, StageReasons.TooManyReplicas, $"the desired count is above maxReplicas {max}");

    private static StageOutcome TooFew(int min) =>
        new(min, StageReasons.TooFewReplicas, $"the desired count is below minReplicas {min}");
}
