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

    public static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
