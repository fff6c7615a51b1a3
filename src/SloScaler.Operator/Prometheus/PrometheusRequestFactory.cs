namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Builds the <c>/api/v1/query</c> request: GET with the query in the URL, or a POST form when the
/// escaped query is long (URLs past a few KB are cut by some proxies). Prometheus' own
/// <c>timeout</c> parameter is set to ours, so the server stops evaluating when we stop waiting.
/// </summary>
internal static class PrometheusRequestFactory
{
    public static HttpRequestMessage Create(PrometheusEndpoint endpoint, string query, int maxGetQueryLength)
    {
        var escapedQuery = Uri.EscapeDataString(query);
        var timeout = DurationText.ForPrometheus(endpoint.Timeout);
        if (escapedQuery.Length <= maxGetQueryLength)
        {
            var uri = WithParameters(endpoint.QueryUri, $"query={escapedQuery}&timeout={timeout}");
            return new HttpRequestMessage(HttpMethod.Get, uri);
        }

        return new HttpRequestMessage(HttpMethod.Post, endpoint.QueryUri)
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("query", query),
                new KeyValuePair<string, string>("timeout", timeout),
            ]),
        };
    }

    /// <summary>Appends to any query string the address already carries (e.g. a tenant parameter).</summary>
    private static Uri WithParameters(Uri uri, string parameters)
    {
        var builder = new UriBuilder(uri);
        var existing = builder.Query.TrimStart('?');
        builder.Query = existing.Length == 0 ? parameters : existing + "&" + parameters;
        return builder.Uri;
    }
}
