using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>Per-policy Prometheus connection; every field falls back to the operator's default.</summary>
public sealed record PrometheusSpec
{
    [Description("The Prometheus base URL, e.g. http://prometheus.monitoring:9090.")]
    public string? Address { get; init; }
    [Description("How long one query may take, as a Go duration; a query that times out reads as unknown, never as zero.")]
    public Duration? Timeout { get; init; }
    [Description("A file holding a bearer token sent with every query.")]
    public string? BearerTokenFile { get; init; }
    [Description("A PEM file of the certificate authority that signs Prometheus's certificate.")]
    public string? CaFile { get; init; }
    [Description("Extra HTTP headers sent with every query (for a tenant header, say).")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
