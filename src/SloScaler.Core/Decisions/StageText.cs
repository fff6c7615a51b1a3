using SloScaler.Core.Behavior;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>Human phrasing for the behavior stages' outcomes.</summary>
internal static class StageText
{
    public static string Stabilized(StageOutcome outcome, int recommendation, ScalingBehavior behavior) =>
        outcome.Replicas > recommendation
            ? $"scale-down stabilized at {outcome.Replicas} (highest recommendation in the last {Fmt.Latency(behavior.ScaleDown.StabilizationWindow)})"
            : $"scale-up stabilized at {outcome.Replicas} (lowest recommendation in the last {Fmt.Latency(behavior.ScaleUp.StabilizationWindow)})";

    public static string Limited(StageOutcome outcome, PolicySettings policy) => outcome.Reason switch
    {
        StageReasons.ScaleUpLimit => $"scale-up limited to {outcome.Replicas} by {Policies(policy.Behavior.ScaleUp)}",
        StageReasons.ScaleDownLimit => $"scale-down limited to {outcome.Replicas} by {Policies(policy.Behavior.ScaleDown)}",
        StageReasons.TooManyReplicas => $"capped at maxReplicas {policy.MaxReplicas}",
        StageReasons.TooFewReplicas => $"raised to minReplicas {policy.MinReplicas}",
        StageReasons.ScalingDisabled => $"held at {outcome.Replicas}: scaling disabled by selectPolicy",
        _ => $"limited to {outcome.Replicas} ({outcome.Reason})",
    };

    private static string Policies(ScalingRules rules)
    {
        var text = string.Join(" / ", rules.Policies.Select(p =>
            p.Type == RatePolicyType.Pods ? $"{p.Value} pods per {Fmt.Latency(p.Period)}" : $"{p.Value}% per {Fmt.Latency(p.Period)}"));
        return rules.Policies.Count > 1 ? $"{rules.SelectPolicy} of {text}" : text;
    }
}
