namespace SloScaler.Core.Policy;

/// <summary>Per-policy Prometheus connection; every field falls back to the operator's default.</summary>
public sealed record PrometheusSpec
{
    public string? Address { get; init; }
    public Duration? Timeout { get; init; }
    public string? BearerTokenFile { get; init; }
    public string? CaFile { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
