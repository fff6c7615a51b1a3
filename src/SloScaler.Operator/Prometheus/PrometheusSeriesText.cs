using System.Text;
using System.Text.Json;

namespace SloScaler.Operator.Prometheus;

/// <summary>A series' labels as PromQL writes them: <c>up{job="api", pod="a"}</c>, or <c>{pod="a"}</c>.</summary>
internal static class PrometheusSeriesText
{
    private const int MaxLength = 160;

    public static string Labels(JsonElement series)
    {
        if (series.ValueKind != JsonValueKind.Object
            || !series.TryGetProperty("metric", out var metric)
            || metric.ValueKind != JsonValueKind.Object)
            return "{}";

        var text = new StringBuilder();
        var labels = new List<string>();
        foreach (var label in metric.EnumerateObject())
        {
            var value = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString() ?? string.Empty : label.Value.ToString();
            if (label.Name == "__name__")
                text.Append(value);
            else
                labels.Add($"{label.Name}=\"{Escape(value)}\"");
        }

        text.Append('{').AppendJoin(", ", labels).Append('}');
        return text.Length <= MaxLength ? text.ToString() : text.ToString(0, MaxLength) + "…}";
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
}
