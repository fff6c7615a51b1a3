using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// Looks ahead: fits a least-squares line through the recent samples of a load parameter and
/// projects it one replica start-up time ahead, plus one interval (the time until the next
/// decision) plus half the rate window (a <c>rate()</c> over a window shows the load of half a
/// window ago). Never forecasts below the current load, so it can only bring a scale-out forward,
/// and never more than <see cref="MaxUplift"/> above it: a step seen through a rate window looks
/// like a steep ramp, and extrapolating it would overshoot.
/// </summary>
internal static class Forecaster
{
    private const int MinSamples = 3;
    public const double MaxUplift = 0.25;

    public static IReadOnlyList<TimedValue> Remember(IReadOnlyList<TimedValue>? samples, double value, DateTimeOffset now, TimeSpan window)
    {
        var cutoff = now - window;
        var kept = new List<TimedValue>();
        foreach (var s in samples ?? [])
        {
            if (s.Time >= cutoff && s.Time < now) kept.Add(s);
        }
        kept.Add(new TimedValue(now, value));
        return kept;
    }

    /// <summary>The projected load, or null when there is too little history or the trend is not rising.</summary>
    public static TimeSpan Horizon(ForecastSettings settings, TimeSpan interval, TimeSpan rateWindow) =>
        settings.ReplicaStartupTime + interval + (rateWindow / 2);

    public static double? Project(IReadOnlyList<TimedValue> samples, DateTimeOffset now, ForecastSettings settings, TimeSpan horizon)
    {
        if (!settings.Enabled || samples.Count < MinSamples) return null;
        var origin = samples[0].Time;
        double n = samples.Count, sumX = 0, sumY = 0, sumXx = 0, sumXy = 0;
        foreach (var s in samples)
        {
            var x = (s.Time - origin).TotalSeconds;
            sumX += x;
            sumY += s.Value;
            sumXx += x * x;
            sumXy += x * s.Value;
        }
        var denominator = (n * sumXx) - (sumX * sumX);
        if (denominator <= 0) return null;
        var slope = ((n * sumXy) - (sumX * sumY)) / denominator;
        if (!(slope > 0)) return null;
        var intercept = (sumY - (slope * sumX)) / n;
        var projected = intercept + (slope * ((now - origin).TotalSeconds + horizon.TotalSeconds));
        var current = samples[^1].Value;
        return double.IsFinite(projected) && projected > current ? Math.Min(projected, current * (1 + MaxUplift)) : null;
    }
}
