using System.Globalization;

namespace SloScaler.Core.Decisions;

/// <summary>Number and latency formatting for reasons a person reads.</summary>
public static class Fmt
{
    public static string Num(double value) =>
        Math.Abs(value) >= 100 ? Math.Round(value).ToString("0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 10 ? value.ToString("0.#", CultureInfo.InvariantCulture)
        : value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Latency(double seconds) =>
        !double.IsFinite(seconds) ? "∞"
        : seconds >= 10 ? seconds.ToString("0.#", CultureInfo.InvariantCulture) + "s"
        : seconds >= 1 ? seconds.ToString("0.##", CultureInfo.InvariantCulture) + "s"
        : (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + "ms";

    public static string Latency(TimeSpan value) => Latency(value.TotalSeconds);

    /// <summary>A span of time for people: 45s, 12m, 2.5h, 3d (never negative).</summary>
    public static string Duration(TimeSpan value)
    {
        var seconds = Math.Max(0, value.TotalSeconds);
        return seconds < 120 ? seconds.ToString("0", CultureInfo.InvariantCulture) + "s"
            : seconds < 7200 ? (seconds / 60).ToString("0", CultureInfo.InvariantCulture) + "m"
            : seconds < 172_800 ? (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + "h"
            : (seconds / 86_400).ToString("0.#", CultureInfo.InvariantCulture) + "d";
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
