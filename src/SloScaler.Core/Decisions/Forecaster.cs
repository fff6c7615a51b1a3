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
    /// <summary>A rise within one interval above this fraction reads as a step, not noise.</summary>
    public const double StepThreshold = 0.2;

    /// <summary>
    /// The load now, when it has just stepped up. A <c>rate()</c> over a window W shows a step of
    /// size Δ only as Δ·t/W after t, so a rise r seen over one interval Δt means the load moved by
    /// about r·W/Δt from where it stood a window ago. Only for rises above <see cref="StepThreshold"/>
    /// (noise on a rate over a window moves it far less).
    /// </summary>
    public static double? StepEstimate(IReadOnlyList<TimedValue> samples, DateTimeOffset now, TimeSpan rateWindow)
    {
        if (samples.Count < 2) return null;
        var current = samples[^1];
        var previous = samples[^2];
        var interval = current.Time - previous.Time;
        var rise = current.Value - previous.Value;
        if (interval <= TimeSpan.Zero || interval > rateWindow || !(rise > StepThreshold * previous.Value)) return null;
        TimedValue? before = null;
        foreach (var s in samples)
        {
            if (s.Time <= now - rateWindow + (interval / 2)) before = s;
        }
        if (before is null) return null;
        var estimate = before.Value + (rise * (rateWindow / interval));
        return double.IsFinite(estimate) && estimate > current.Value ? estimate : null;
    }

    public static TimeSpan Horizon(ForecastSettings settings, TimeSpan interval, TimeSpan rateWindow) =>
        settings.ReplicaStartupTime + interval + (rateWindow / 2);

    public static double? Project(IReadOnlyList<TimedValue> samples, DateTimeOffset now, ForecastSettings settings, TimeSpan horizon)
    {
        var cutoff = now - settings.TrendWindow;
        samples = samples.Where(s => s.Time >= cutoff).ToList();
        if (!settings.Enabled || samples.Count < MinSamples) return null;
        // A step seen through a rate window looks like a steep ramp: that is not a trend to extrapolate.
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].Value - samples[i - 1].Value > StepThreshold * samples[i - 1].Value) return null;
        }
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
