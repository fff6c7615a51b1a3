using System.Collections.Specialized;
using System.Net;

namespace SloScaler.Operator.Tests.Prometheus.Support;

/// <summary>What the loopback server received, with parameters decoded the way Go's net/url does.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Parameters,
    NameValueCollection Headers,
    string Body)
{
    public string Parameter(string name) =>
        Parameters.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"no parameter '{name}'");

    public string? Header(string name) => Headers[name];

    public static async Task<RecordedRequest> FromAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream, request.ContentEncoding);
        var body = await reader.ReadToEndAsync();
        var rawUrl = request.RawUrl ?? "/";
        var queryStart = rawUrl.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawUrl : rawUrl[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : rawUrl[(queryStart + 1)..];
        var form = request.HttpMethod == "POST" ? body : rawQuery;
        return new RecordedRequest(request.HttpMethod, path, rawQuery, DecodeForm(form), request.Headers, body);
    }

    /// <summary>Like Go's url.ParseQuery, which Prometheus uses: '+' is a space, %XX a byte.</summary>
    public static Dictionary<string, string> DecodeForm(string form)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in form.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            parameters[name] = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
        }

        return parameters;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
