using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Says what went wrong when the answer is not a usable API response: the HTTP status, then
/// Prometheus' own message when it sent one, else a short summary of what came instead (an HTML
/// error page from a proxy, plain text, nothing).
/// </summary>
internal static partial class PrometheusFailureText
{
    private const int MaxSnippet = 200;
    private const int MaxScanned = 4096;

    public static string ForHttpStatus(int status, string? apiError, string body)
    {
        var head = $"HTTP {status}{ReasonPhrase(status)}";
        return apiError is not null ? $"{head}: {apiError}" : $"{head}: {Summarize(body)}";
    }

    public static string ForNonJson(string body, string? jsonError) =>
        LooksLikeHtml(body)
            ? $"expected a JSON answer from the Prometheus API but got {Summarize(body)}"
            : jsonError is null
                ? $"expected a JSON object from the Prometheus API but got {Summarize(body)}"
                : $"malformed JSON from Prometheus ({jsonError}): {Summarize(body)}";

    internal static string Summarize(string body)
    {
        body = body.Length <= MaxScanned ? body : body[..MaxScanned];
        if (string.IsNullOrWhiteSpace(body))
            return "an empty body";
        if (LooksLikeHtml(body))
        {
            var title = TitlePattern().Match(body);
            return title.Success ? $"an HTML page \"{Snippet(title.Groups[1].Value)}\"" : "an HTML page";
        }

        return $"\"{Snippet(body)}\"";
    }

    private static bool LooksLikeHtml(string body) => body.TrimStart().StartsWith('<');

    private static string Snippet(string text)
    {
        var oneLine = Whitespace().Replace(text, " ").Trim();
        return oneLine.Length <= MaxSnippet ? oneLine : oneLine[..MaxSnippet] + "…";
    }

    /// <summary>" Service Unavailable" for 503, from the framework's status names; empty when unknown.</summary>
    private static string ReasonPhrase(int status)
    {
        var code = (HttpStatusCode)status;
        if (!Enum.IsDefined(code))
            return string.Empty;
        var name = code.ToString();
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c))
                words.Append(' ');
            words.Append(c);
        }

        return words.ToString();
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
