using System.Globalization;

namespace SloScaler.Operator.Prometheus;

/// <summary>Durations as people and Prometheus write them: <c>5s</c>, <c>250ms</c>, <c>1.5s</c>.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
            return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        return duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>For Prometheus' <c>timeout</c> parameter: whole milliseconds, at least 1.</summary>
    public static string ForPrometheus(TimeSpan duration) =>
        Math.Max(1L, (long)Math.Ceiling(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
}
