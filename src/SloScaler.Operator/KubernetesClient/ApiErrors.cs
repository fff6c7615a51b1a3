using System.Text.Json;
using k8s.Autorest;

namespace SloScaler.Operator.KubernetesClient;

/// <summary>Turns API failures into one-line messages, preferring the API server's own words.</summary>
internal static class ApiErrors
{
    private const int MaxBodyChars = 300;

    /// <summary>The <c>message</c> of a <c>Status</c> body, else <c>HTTP 500: body…</c>; for status 0 the body is the transport error.</summary>
    public static string Message(int statusCode, string? body)
    {
        if (statusCode == 0) return body is { Length: > 0 } ? body : "no answer from the API server";
        if (StatusMessage(body) is { } message) return message;
        var text = (body ?? "").Trim();
        if (text.Length > MaxBodyChars) text = text[..MaxBodyChars] + "…";
        return text.Length == 0 ? $"HTTP {statusCode}" : $"HTTP {statusCode}: {text}";
    }

    public static string Message(HttpOperationException e) =>
        e.Response is { } response ? Message((int)response.StatusCode, response.Content) : e.Message;

    /// <summary>The <c>code</c> and <c>message</c> of a <c>Status</c> object, as a watch ERROR event carries it.</summary>
    public static (int Code, string Message) Status(JsonElement status)
    {
        var code = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
        var message = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString() ?? ""
            : status.ToString();
        return (code, message);
    }

    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{') return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
