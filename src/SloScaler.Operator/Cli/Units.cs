using System.Globalization;

namespace SloScaler.Operator.Cli;

/// <summary>Numbers for people: counts with the right singular or plural, sizes, durations (<c>1d</c>, <c>4h 36m</c>, <c>16.6 s</c>).</summary>
internal static class Units
{
    /// <summary><c>1 policy</c>, <c>2 policies</c>, <c>0 problems</c>.</summary>
    public static string Count(long count, string one, string? many = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many ?? one + "s")}";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MiB",
        >= 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KiB",
        _ => Count(bytes, "byte"),
    };

    /// <summary>
    /// A duration to read: under a second in ms (<c>250 ms</c>), under a minute in seconds with one
    /// decimal (<c>16.6 s</c>), then the two largest whole units (<c>4h 36m</c>, <c>1d</c>, <c>2d 3h</c>).
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        if (value < TimeSpan.Zero) return "-" + Duration(value.Negate());
        if (value < TimeSpan.FromSeconds(1)) return $"{value.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms";
        if (value.TotalSeconds < 59.95) return $"{value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
        var parts = new List<string>();
        var rest = TimeSpan.FromSeconds(Math.Round(value.TotalSeconds));
        if (rest.Days > 0) parts.Add($"{rest.Days}d");
        if (rest.Hours > 0) parts.Add($"{rest.Hours}h");
        if (rest.Minutes > 0) parts.Add($"{rest.Minutes}m");
        if (rest.Seconds > 0) parts.Add($"{rest.Seconds}s");
        return string.Join(' ', parts.Take(2));
    }
}
