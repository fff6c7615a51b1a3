using System.Globalization;
using System.Text.Json;
using SloScaler.Core.Observations;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// One sample <c>[ &lt;unix time&gt;, "&lt;value&gt;" ]</c>. Prometheus sends values as strings so that
/// <c>NaN</c>, <c>+Inf</c> and <c>-Inf</c> survive JSON; a bare number is accepted too.
/// </summary>
internal static class PrometheusSample
{
    public static MetricReading Parse(JsonElement sample)
    {
        if (sample.ValueKind != JsonValueKind.Array || sample.GetArrayLength() < 2)
            return MetricReading.Failed("the sample is not a [time, value] pair");

        var value = sample[1];
        return value.ValueKind switch
        {
            JsonValueKind.String => ParseValue(value.GetString() ?? string.Empty),
            JsonValueKind.Number => MetricReading.Of(value.GetDouble()),
            _ => MetricReading.Failed($"the sample value is {value.ValueKind.ToString().ToLowerInvariant()}, not a number"),
        };
    }

    /// <summary>Go's <c>strconv.ParseFloat</c> spellings: NaN, ±Inf, decimals with exponents.</summary>
    public static MetricReading ParseValue(string text)
    {
        var trimmed = text.Trim();
        switch (trimmed.ToUpperInvariant())
        {
            case "NAN":
                return MetricReading.NotANumber();
            case "INF" or "+INF" or "INFINITY" or "+INFINITY":
                return MetricReading.Infinite(positive: true);
            case "-INF" or "-INFINITY":
                return MetricReading.Infinite(positive: false);
        }

        return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? MetricReading.Of(number)
            : MetricReading.Failed($"the sample value \"{Shorten(trimmed)}\" is not a number");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
