using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// Looks ahead: fits a least-squares line through the recent samples of a load parameter and
/// projects it one replica start-up time ahead, plus one interval (the time until the next
/// decision) plus half the rate window (a <c>rate()</c> over a window shows the load of half a
/// window ago). Never forecasts below the current load, so it can only bring a scale-out forward,
/// and never more than <see cref="MaxUplift"/> above it: a step seen through a rate window looks
/// like a steep ramp, and extrapolating it would overshoot.
/// <para>Noise is not a trend: a slope counts only when it stands out of the scatter around the
/// line (<see cref="TrendSignificance"/>), and a rise counts as a step only when it stands out of
/// the load's usual interval-to-interval changes (<see cref="StepJitterMultiple"/>).</para>
/// </summary>
internal static class Forecaster
{
    /// <summary>A line needs this many samples to have a standard error (n − 2 degrees of freedom ≥ 1).</summary>
    private const int MinSamples = 3;

    /// <summary>
    /// A parabola needs this many samples: its three coefficients plus one, so its residuals can tell a curve
    /// from the noise (<see cref="CurvatureSignificance"/>).
    /// </summary>
    private const int ParabolaMinSamples = 4;

    /// <summary>
    /// Normal equations whose determinant is no larger than this are singular (samples at nearly the same
    /// times): no parabola is fitted. Far below the determinant of samples seconds apart.
    /// </summary>
    private const double SingularDeterminant = 1e-9;

    /// <summary>
    /// The forecast never exceeds the current load by more than this fraction: a step seen through a rate
    /// window looks like a steep ramp, and extrapolating it would overshoot.
    /// </summary>
    public const double MaxUplift = 0.25;

    /// <summary>A rise within one interval above this fraction reads as a step, not noise.</summary>
    public const double StepThreshold = 0.2;

    /// <summary>
    /// A rise reads as a step only when it is also at least this many times the load's jitter (the
    /// mean relative change between consecutive samples; 5 × the mean |change| ≈ 4 standard deviations of noise).
    /// </summary>
    public const double StepJitterMultiple = 5;

    /// <summary>The weight of the newest change in the jitter's moving average (about ten samples' memory).</summary>
    public const double JitterWeight = 0.1;

    /// <summary>A rising slope is extrapolated only when it is at least this many standard errors above zero.</summary>
    public const double TrendSignificance = 2;

    /// <summary>
    /// A parabola replaces the line only when its squared residuals are at most this fraction of the
    /// line's: the curve must explain the samples, not the noise in them (about a 95 % F-test on five samples).
    /// </summary>
    public const double CurvatureSignificance = 0.1;

    public static IReadOnlyList<TimedValue> Remember(IReadOnlyList<TimedValue>? samples, double value, DateTimeOffset now, TimeSpan window)
    {
        var cutoff = now - window;
        var kept = new List<TimedValue>();
        foreach (var s in (samples ?? []).Each())
        {
            if (s.Time >= cutoff && s.Time < now) kept.Add(s);
        }
        kept.Add(new TimedValue(now, value));
        // The engine writes them in order; a status edited by hand need not be.
        kept.Sort((a, b) => a.Time.CompareTo(b.Time));
        return kept;
    }

    /// <summary>
    /// The load now, when it has just stepped up. A <c>rate()</c> over a window W shows a step of
    /// size Δ only as Δ·t/W after t, so a rise r seen over one interval Δt means the load moved by
    /// about r·W/Δt from where it stood a window ago. Only for rises above <see cref="StepThreshold"/>,
    /// well above the load's <paramref name="jitter"/> (<see cref="StepJitterMultiple"/>) and above the
    /// level before them: the estimate multiplies the rise by W/Δt, so a noisy rise would be multiplied too.
    /// </summary>
    public static double? StepEstimate(IReadOnlyList<TimedValue> samples, DateTimeOffset now, TimeSpan rateWindow, double jitter = 0)
    {
        if (samples.Count < 2) return null;
        var current = samples[^1];
        var previous = samples[^2];
        var interval = current.Time - previous.Time;
        var rise = current.Value - previous.Value;
        var threshold = Math.Max(StepThreshold, StepJitterMultiple * jitter);
        if (previous.Value < 0 || interval <= TimeSpan.Zero || interval > rateWindow || !(rise > threshold * previous.Value)) return null;
        // A recovery from a dip is not a step: the load must also stand above where it stood before.
        if (samples.Count >= 3 && !(current.Value > (1 + threshold) * Median(samples.Take(samples.Count - 2)))) return null;
        TimedValue? before = null;
        foreach (var s in samples.Each())
        {
            if (s.Time <= now - rateWindow + (interval / 2)) before = s;
        }
        if (before is null) return null;
        var estimate = before.Value + (rise * (rateWindow / interval));
        return double.IsFinite(estimate) && estimate > current.Value ? estimate : null;
    }

    /// <summary>
    /// The jitter after the newest sample: a moving average of the relative change between consecutive
    /// samples, each change counted at most as <see cref="StepThreshold"/> so that a step does not read as noise.
    /// </summary>
    public static double Jitter(double previous, IReadOnlyList<TimedValue> samples, bool first)
    {
        if (samples.Count < 2) return previous;
        var before = samples[^2].Value;
        var change = before > 0 ? Math.Min(StepThreshold, Math.Abs(samples[^1].Value - before) / before) : 0;
        return first ? change : ((1 - JitterWeight) * previous) + (JitterWeight * change);
    }

    private static double Median(IEnumerable<TimedValue> samples)
    {
        var values = samples.Select(s => s.Value).ToArray();
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    public static TimeSpan Horizon(ForecastSettings settings, TimeSpan interval, TimeSpan rateWindow) =>
        settings.ReplicaStartupTime + interval + (rateWindow / 2);

    /// <summary>
    /// The projected load, or null when there is too little history, the trend is not rising, or
    /// the rise does not stand out of the noise. While a rate window is still filling with a new
    /// ramp, the rate curves upward and a line through it is too flat: when a parabola fits the
    /// samples with a steeper slope at the newest one, that slope is extrapolated instead.
    /// </summary>
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
        if (Line(samples, now) is not { Slope: > 0 } line || line.Slope < TrendSignificance * line.SlopeError) return null;
        var ahead = horizon.TotalSeconds;
        var projected = line.ValueNow + (line.Slope * ahead);
        if (Parabola(samples, now) is { Curvature: > 0 } parabola && parabola.SlopeNow > line.Slope
            && Residuals(samples, now, parabola.ValueNow, parabola.SlopeNow, parabola.Curvature) <= CurvatureSignificance * line.Residuals)
            projected = Math.Max(projected, parabola.ValueNow + (parabola.SlopeNow * ahead));
        var current = samples[^1].Value;
        return double.IsFinite(projected) && projected > current ? Math.Min(projected, current * (1 + MaxUplift)) : null;
    }

    private readonly record struct LineFit(double ValueNow, double Slope, double SlopeError, double Residuals);

    private readonly record struct ParabolaFit(double ValueNow, double SlopeNow, double Curvature);

    /// <summary>Least squares y = a + b·x with x the seconds before <paramref name="now"/>; the slope's standard error from the residuals.</summary>
    private static LineFit? Line(IReadOnlyList<TimedValue> samples, DateTimeOffset now)
    {
        double n = samples.Count, sumX = 0, sumY = 0;
        foreach (var s in samples.Each())
        {
            sumX += (s.Time - now).TotalSeconds;
            sumY += s.Value;
        }
        double meanX = sumX / n, meanY = sumY / n, sxx = 0, sxy = 0;
        foreach (var s in samples.Each())
        {
            var dx = (s.Time - now).TotalSeconds - meanX;
            sxx += dx * dx;
            sxy += dx * (s.Value - meanY);
        }
        if (!(sxx > 0)) return null;
        var slope = sxy / sxx;
        var valueNow = meanY - (slope * meanX);
        var residuals = Residuals(samples, now, valueNow, slope, 0);
        var error = n > 2 ? Math.Sqrt(residuals / (n - 2) / sxx) : 0;
        return new LineFit(valueNow, slope, error, residuals);
    }

    /// <summary>The sum of squared residuals of the samples around a + b·x + c·x², x the seconds before <paramref name="now"/>.</summary>
    private static double Residuals(IReadOnlyList<TimedValue> samples, DateTimeOffset now, double a, double b, double c)
    {
        double sum = 0;
        foreach (var s in samples.Each())
        {
            var x = (s.Time - now).TotalSeconds;
            var e = s.Value - (a + (b * x) + (c * x * x));
            sum += e * e;
        }
        return sum;
    }

    /// <summary>Least squares y = a + b·x + c·x² with x the seconds before <paramref name="now"/> (four samples or more).</summary>
    private static ParabolaFit? Parabola(IReadOnlyList<TimedValue> samples, DateTimeOffset now)
    {
        if (samples.Count < ParabolaMinSamples) return null;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        foreach (var s in samples.Each())
        {
            var x = (s.Time - now).TotalSeconds;
            var xx = x * x;
            s0 += 1;
            s1 += x;
            s2 += xx;
            s3 += xx * x;
            s4 += xx * xx;
            t0 += s.Value;
            t1 += x * s.Value;
            t2 += xx * s.Value;
        }
        // Cramer's rule on the normal equations [s0 s1 s2; s1 s2 s3; s2 s3 s4]·(a, b, c) = (t0, t1, t2).
        var det = Det(s0, s1, s2, s1, s2, s3, s2, s3, s4);
        if (!(Math.Abs(det) > SingularDeterminant)) return null;
        var a = Det(t0, s1, s2, t1, s2, s3, t2, s3, s4) / det;
        var b = Det(s0, t0, s2, s1, t1, s3, s2, t2, s4) / det;
        var c = Det(s0, s1, t0, s1, s2, t1, s2, s3, t2) / det;
        return double.IsFinite(a) && double.IsFinite(b) && double.IsFinite(c) ? new ParabolaFit(a, b, c) : null;
    }

    private static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
}
