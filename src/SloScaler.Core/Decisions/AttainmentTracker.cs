namespace SloScaler.Core.Decisions;

/// <summary>SLO attainment over a sliding window kept as a few fixed buckets (compact restart state).</summary>
public static class AttainmentTracker
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<AttainmentBucket> Add(IReadOnlyList<AttainmentBucket> buckets, DateTimeOffset now, bool met, TimeSpan evaluated)
    {
        var cutoff = now - Window;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Bucket.Ticks), TimeSpan.Zero);
        var kept = new List<AttainmentBucket>(buckets.Count + 1);
        foreach (var bucket in buckets.Each())
        {
            if (bucket.Start + Bucket > cutoff) kept.Add(bucket);
        }
        var seconds = evaluated.TotalSeconds;
        var metSeconds = met ? seconds : 0;
        if (kept.Count > 0 && kept[^1].Start == start)
            kept[^1] = kept[^1] with { MetSeconds = kept[^1].MetSeconds + metSeconds, EvaluatedSeconds = kept[^1].EvaluatedSeconds + seconds };
        else
            kept.Add(new AttainmentBucket(start, metSeconds, seconds));
        return kept;
    }

    /// <summary>The fraction of evaluated time that met the objective, or null when nothing was evaluated.</summary>
    public static double? Ratio(IReadOnlyList<AttainmentBucket> buckets)
    {
        double evaluated = 0, met = 0;
        foreach (var bucket in buckets.Each())
        {
            evaluated += bucket.EvaluatedSeconds;
            met += bucket.MetSeconds;
        }
        return evaluated > 0 ? met / evaluated : null;
    }
}
