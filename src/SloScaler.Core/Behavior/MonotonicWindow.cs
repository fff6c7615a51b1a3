namespace SloScaler.Core.Behavior;

/// <summary>
/// A sliding-window extreme kept as a monotonic deque. An entry is dropped as soon as a newer (or
/// equally new) entry is at least as extreme, because from then on it can never be the window's
/// unique extreme; what remains is exactly the set of entries that can still win, so the extreme
/// over "entries strictly newer than a cutoff" is the same as over the full history.
/// </summary>
internal static class MonotonicWindow
{
    /// <summary>The entries still inside a window whose cutoff is <paramref name="cutoff"/> (strictly newer).</summary>
    public static List<TimedReplicas> Inside(IReadOnlyList<TimedReplicas> window, DateTimeOffset cutoff)
    {
        var inside = new List<TimedReplicas>(window.Count + 1);
        foreach (var entry in window.Each())
            if (entry.Time > cutoff) inside.Add(entry);
        return inside;
    }

    /// <summary>The window extreme: the lowest value when <paramref name="lowest"/>, else the highest; null when empty.</summary>
    public static int? Extreme(List<TimedReplicas> inside, bool lowest)
    {
        int? best = null;
        foreach (var entry in inside)
            if (best is null || (lowest ? entry.Replicas < best : entry.Replicas > best)) best = entry.Replicas;
        return best;
    }

    /// <summary>
    /// Appends a recommendation, dropping what it makes useless, then drops what no future window
    /// can reach (at or before <paramref name="horizon"/>, assuming time never runs backwards).
    /// </summary>
    public static TimedReplicas[] Push(List<TimedReplicas> inside, TimedReplicas entry, bool lowest, DateTimeOffset horizon)
    {
        while (inside.Count > 0 && inside[^1].Time <= entry.Time && AtLeastAsExtreme(entry.Replicas, inside[^1].Replicas, lowest))
            inside.RemoveAt(inside.Count - 1);
        var dominated = inside.Count > 0 && inside[^1].Time >= entry.Time && AtLeastAsExtreme(inside[^1].Replicas, entry.Replicas, lowest);
        if (!dominated) inside.Add(entry);
        var reachable = 0;
        foreach (var e in inside)
        {
            if (e.Time > horizon) reachable++;
        }
        var kept = new TimedReplicas[reachable];
        var at = 0;
        foreach (var e in inside)
        {
            if (e.Time > horizon) kept[at++] = e;
        }
        return kept;
    }

    private static bool AtLeastAsExtreme(int candidate, int other, bool lowest) => lowest ? candidate <= other : candidate >= other;
}
