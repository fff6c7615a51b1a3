using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// HPA's scale-event lists, kept as HPA keeps them (<c>storeScaleEvent</c>): events older than the
/// direction's longest period are marked outdated, the new event takes the slot of the last
/// outdated one or is appended. Outdated events still count wherever a period reaches them.
/// </summary>
internal static class HpaScaleEventLog
{
    public static HpaScaleEvent[] Store(IReadOnlyList<HpaScaleEvent> events, TimeSpan longestPeriod, int change, DateTimeOffset now)
    {
        var cutoff = now - longestPeriod;
        var marked = events.Select(e => e.Time < cutoff ? e with { Outdated = true } : e).ToArray();
        var entry = new HpaScaleEvent(now, change, false);
        for (var i = marked.Length - 1; i >= 0; i--)
        {
            if (!marked[i].Outdated) continue;
            marked[i] = entry;
            return marked;
        }
        return [.. marked, entry];
    }

    /// <summary>The changes as the rate limits read them: every stored event, outdated or not.</summary>
    public static TimedReplicas[] Changes(IReadOnlyList<HpaScaleEvent> events) =>
        events.Select(e => new TimedReplicas(e.Time, e.Change)).ToArray();
}
