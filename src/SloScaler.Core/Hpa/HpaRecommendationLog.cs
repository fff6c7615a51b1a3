using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// HPA's own recommendation history, kept as HPA keeps it: a list of timestamped recommendations
/// where a new one takes the slot of the last entry that is outdated for both windows, or is
/// appended. It is the reference the compact <see cref="Stabilization"/> is checked against.
/// </summary>
internal static class HpaRecommendationLog
{
    /// <summary><c>stabilizeRecommendationWithBehaviors</c>: the floor and ceiling from the list, then the clamp.</summary>
    public static (StageOutcome Outcome, TimedReplicas[] Log) StabilizeWithBehavior(
        IReadOnlyList<TimedReplicas> log, int currentReplicas, int desiredReplicas, ScalingBehavior behavior, DateTimeOffset now)
    {
        var upCutoff = now - behavior.ScaleUp.StabilizationWindow;
        var downCutoff = now - behavior.ScaleDown.StabilizationWindow;
        int floor = desiredReplicas, ceiling = desiredReplicas;
        int? reusable = null;
        for (var i = 0; i < log.Count; i++)
        {
            var entry = log[i];
            if (entry.Time > upCutoff) floor = Math.Min(floor, entry.Replicas);
            if (entry.Time > downCutoff) ceiling = Math.Max(ceiling, entry.Replicas);
            if (entry.Time < upCutoff && entry.Time < downCutoff) reusable = i;
        }
        return (Stabilization.Settle(currentReplicas, desiredReplicas, floor, ceiling), Store(log, reusable, new TimedReplicas(now, desiredReplicas)));
    }

    /// <summary><c>stabilizeRecommendation</c> (no behavior field): the highest recommendation not older than the window.</summary>
    public static (int Replicas, TimedReplicas[] Log) StabilizeLegacy(
        IReadOnlyList<TimedReplicas> log, int desiredReplicas, TimeSpan window, DateTimeOffset now)
    {
        var cutoff = now - window;
        var highest = desiredReplicas;
        int? reusable = null;
        for (var i = 0; i < log.Count; i++)
        {
            if (log[i].Time < cutoff) reusable = i;
            else highest = Math.Max(highest, log[i].Replicas);
        }
        return (highest, Store(log, reusable, new TimedReplicas(now, desiredReplicas)));
    }

    private static TimedReplicas[] Store(IReadOnlyList<TimedReplicas> log, int? reusable, TimedReplicas entry)
    {
        if (reusable is not { } index) return [.. log, entry];
        var copy = log.ToArray();
        copy[index] = entry;
        return copy;
    }
}
