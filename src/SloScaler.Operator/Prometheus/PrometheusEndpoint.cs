namespace SloScaler.Operator.Prometheus;

/// <summary>One query's connection settings after the policy's overrides met the operator defaults.</summary>
internal sealed record PrometheusEndpoint(
    Uri QueryUri,
    TimeSpan Timeout,
    string? BearerTokenFile,
    string? CaFile,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The longest timeout a timer can carry.</summary>
    internal static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>Merges field by field; returns an error message instead when the result is unusable.</summary>
    public static PrometheusEndpoint? Resolve(
        SloScaler.Core.Observations.MetricsConnection connection, PrometheusOptions defaults, out string? error)
    {
        var address = NullIfBlank(connection.Address) ?? NullIfBlank(defaults.DefaultAddress);
        var timeout = connection.Timeout ?? defaults.DefaultTimeout;
        error = null;
        if (address is null)
            error = "no Prometheus address is configured (neither on the policy nor as the operator default)";
        else if (timeout <= TimeSpan.Zero || timeout > MaxTimeout)
            error = $"the Prometheus timeout must be positive and under 24 days, not {DurationText.Format(timeout)}";
        else if (!TryQueryUri(address, out var queryUri))
            error = $"the Prometheus address '{address}' is not an absolute http or https URL";
        else
            return new PrometheusEndpoint(
                queryUri,
                timeout,
                NullIfBlank(connection.BearerTokenFile) ?? NullIfBlank(defaults.DefaultBearerTokenFile),
                NullIfBlank(connection.CaFile) ?? NullIfBlank(defaults.DefaultCaFile),
                connection.Headers ?? defaults.DefaultHeaders ?? NoHeaders);
        return null;
    }

    /// <summary>The address with <c>/api/v1/query</c> appended to its path, so a path prefix is kept.</summary>
    internal static bool TryQueryUri(string address, out Uri queryUri)
    {
        queryUri = null!;
        if (!Uri.TryCreate(address.Trim(), UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
            return false;
        var builder = new UriBuilder(baseUri) { Fragment = string.Empty };
        builder.Path = builder.Path.TrimEnd('/') + "/api/v1/query";
        queryUri = builder.Uri;
        return true;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
