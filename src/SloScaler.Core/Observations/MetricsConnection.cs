namespace SloScaler.Core.Observations;

/// <summary>
/// Where and how to ask a Prometheus-compatible server. Every field is optional: a null field
/// means "use the operator's default" (its <c>--prometheus-*</c> flags).
/// </summary>
/// <param name="Address">Base URL, e.g. <c>http://prometheus.monitoring:9090</c>.</param>
/// <param name="Timeout">Per-query timeout; a timeout is an error, never zero.</param>
/// <param name="BearerTokenFile">File whose trimmed content is sent as <c>Authorization: Bearer …</c>.</param>
/// <param name="CaFile">PEM file with the CA bundle that signs the server's certificate.</param>
/// <param name="Headers">Extra request headers (e.g. <c>X-Scope-OrgID</c> for Mimir/Thanos).</param>
public sealed record MetricsConnection(
    string? Address = null,
    TimeSpan? Timeout = null,
    string? BearerTokenFile = null,
    string? CaFile = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public static MetricsConnection Default { get; } = new();
}
