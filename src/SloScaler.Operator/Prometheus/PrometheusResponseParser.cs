using System.Text.Json;
using SloScaler.Core.Observations;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Turns an answer of Prometheus' <c>/api/v1/query</c> into a typed reading. Pure; never throws:
/// whatever the server, a proxy in front of it or the network did comes back as a reading.
/// </summary>
public static class PrometheusResponseParser
{
    private const int MaxSeriesNamed = 5;

    public static MetricReading Parse(int httpStatus, string? body)
    {
        try
        {
            return ParseEnvelope(httpStatus, body ?? string.Empty);
        }
        catch (Exception ex)
        {
            // Shapes no rule below foresaw (a string where an object was due, …) end here.
            return MetricReading.Failed($"unexpected answer from Prometheus: {ex.Message}");
        }
    }

    private static MetricReading ParseEnvelope(int httpStatus, string body)
    {
        using var document = TryParseJson(body, out var jsonError);
        var root = document?.RootElement;
        var apiError = root is { ValueKind: JsonValueKind.Object } r ? ApiError(r) : null;
        // Prometheus' errorType bad_data (HTTP 400): the query itself is refused, not the moment.
        var rejected = root is { ValueKind: JsonValueKind.Object } e && StringProperty(e, "errorType") == BadData;

        if (httpStatus is < 200 or > 299)
        {
            var text = PrometheusFailureText.ForHttpStatus(httpStatus, apiError, body);
            return rejected && httpStatus == 400 ? MetricReading.Rejected(text) : MetricReading.Failed(text);
        }
        if (root is not { ValueKind: JsonValueKind.Object } envelope)
            return MetricReading.Failed(PrometheusFailureText.ForNonJson(body, jsonError));

        var status = StringProperty(envelope, "status");
        if (status == "error" || apiError is not null)
        {
            var text = apiError ?? "Prometheus answered status \"error\" without a message";
            return rejected ? MetricReading.Rejected(text) : MetricReading.Failed(text);
        }
        if (status != "success")
            return MetricReading.Failed($"Prometheus answered an unknown status \"{status ?? "(none)"}\"");
        if (!envelope.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            return MetricReading.Failed("Prometheus answered success without a data object");

        var resultType = StringProperty(data, "resultType");
        if (!data.TryGetProperty("result", out var result))
            return MetricReading.Failed("Prometheus answered success without a result");

        return resultType switch
        {
            "vector" => ParseVector(result),
            "scalar" => PrometheusSample.Parse(result),
            "matrix" => WrongType("a range vector (matrix)"),
            "string" => WrongType("a string"),
            _ => MetricReading.Failed($"Prometheus answered an unknown result type \"{resultType ?? "(none)"}\""),
        };
    }

    private static MetricReading ParseVector(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Array)
            return MetricReading.Failed("the vector result is not a list");

        var count = result.GetArrayLength();
        if (count == 0)
            return MetricReading.Empty();
        if (count == 1)
            return ParseSeries(result[0]);

        var named = result.EnumerateArray().Take(MaxSeriesNamed).Select(PrometheusSeriesText.Labels);
        var more = count > MaxSeriesNamed ? $" and {count - MaxSeriesNamed} more" : string.Empty;
        return MetricReading.MultipleSeries(
            $"the query returned {count} series where one was expected (aggregate them, e.g. with sum): "
            + string.Join(", ", named) + more);
    }

    private static MetricReading ParseSeries(JsonElement series)
    {
        if (series.ValueKind != JsonValueKind.Object)
            return MetricReading.Failed("a vector element is not an object");
        if (series.TryGetProperty("value", out var sample))
            return PrometheusSample.Parse(sample);
        if (series.TryGetProperty("histogram", out _))
            return MetricReading.Failed(
                "the query returned a native histogram sample; reduce it to a number (e.g. histogram_quantile)");
        return MetricReading.Failed("the series has no sample value");
    }

    private static MetricReading WrongType(string what) =>
        MetricReading.Failed($"the query returned {what}; it must return an instant vector or a scalar");

    /// <summary>Prometheus' <c>errorType</c> for a query it cannot parse or type-check.</summary>
    private const string BadData = "bad_data";

    /// <summary>Prometheus' own <c>errorType: error</c>, when the body is its error envelope.</summary>
    private static string? ApiError(JsonElement envelope)
    {
        var message = StringProperty(envelope, "error");
        var type = StringProperty(envelope, "errorType");
        if (message is null && type is null)
            return null;
        return type is null ? message : message is null ? type : $"{type}: {message}";
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument? TryParseJson(string body, out string? error)
    {
        error = null;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            error = ex.Message;
            return null;
        }
    }
}
