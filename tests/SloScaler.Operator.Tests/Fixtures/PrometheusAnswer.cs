using System.Globalization;
using System.Text.Json;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// What an instant query returned, read directly off the HTTP API (independent of the adapter
/// under test): how many series, the value when there is exactly one, or the error.
/// </summary>
public sealed record PrometheusAnswer(int Series, double? Value, string? Error)
{
    public static PrometheusAnswer Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            return new PrometheusAnswer(0, null, root.TryGetProperty("error", out var error) ? error.GetString() : body);
        var data = root.GetProperty("data");
        var result = data.GetProperty("result");
        if (data.GetProperty("resultType").GetString() == "scalar")
            return new PrometheusAnswer(1, Number(result[1].GetString()), null); // [time, "value"]
        var count = result.GetArrayLength();
        return new PrometheusAnswer(count, count == 1 ? Number(result[0].GetProperty("value")[1].GetString()) : null, null);
    }

    public static PrometheusAnswer Failed(string error) => new(0, null, error);

    public override string ToString() =>
        Error is not null ? $"error: {Error}"
        : Series == 1 ? $"{Value?.ToString("G6", CultureInfo.InvariantCulture)}"
        : $"{Series} series";

    private static double Number(string? text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(text!, CultureInfo.InvariantCulture),
    };
}
