using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// The clamp of an HPA without a <c>behavior</c> field (<c>convertDesiredReplicasWithRules</c>):
/// at most max(2 × current, 4) replicas per sync, then [min, max].
/// </summary>
internal static class LegacyLimits
{
    public static StageOutcome Apply(int currentReplicas, int desiredReplicas, int minReplicas, int maxReplicas)
    {
        var scaleUpLimit = (int)Math.Max(HpaDefaults.LegacyScaleUpFactor * currentReplicas, HpaDefaults.LegacyScaleUpMinimum);
        var (ceiling, reason, message) = maxReplicas > scaleUpLimit
            ? (scaleUpLimit, StageReasons.ScaleUpLimit, $"at most max(2 × {currentReplicas}, 4) = {scaleUpLimit} replicas per sync")
            : (maxReplicas, StageReasons.TooManyReplicas, $"the desired count is above maxReplicas {maxReplicas}");
        if (desiredReplicas < minReplicas)
            return new StageOutcome(minReplicas, StageReasons.TooFewReplicas, $"the desired count is below minReplicas {minReplicas}");
        if (desiredReplicas > ceiling) return new StageOutcome(ceiling, reason, message);
        return new StageOutcome(desiredReplicas, StageReasons.DesiredWithinRange, "the desired count is within the allowed range");
    }
}
