namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Operator-wide defaults for querying Prometheus (its <c>--prometheus-*</c> flags). A policy's
/// <see cref="SloScaler.Core.Observations.MetricsConnection"/> overrides them field by field; a
/// null field there means "use the default here".
/// </summary>
public sealed record PrometheusOptions
{
    /// <summary>Base URL, may carry a path prefix (e.g. <c>http://gateway/prometheus</c>).</summary>
    public string? DefaultAddress { get; init; }

    /// <summary>Per-query timeout. A timeout is an error reading, never zero.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>File whose trimmed content is sent as a bearer token; re-read when it changes.</summary>
    public string? DefaultBearerTokenFile { get; init; }

    /// <summary>PEM CA bundle that must sign the server's certificate (replaces the system trust).</summary>
    public string? DefaultCaFile { get; init; }

    /// <summary>Extra request headers. A connection's own headers replace these as a whole.</summary>
    public IReadOnlyDictionary<string, string>? DefaultHeaders { get; init; }

    /// <summary>Queries in flight at once across all policies; further queries wait for a slot.</summary>
    public int MaxConcurrentQueries { get; init; } = 8;

    /// <summary>An escaped query longer than this is sent as a POST form instead of in the URL.</summary>
    public int MaxGetQueryLength { get; init; } = 2000;

    /// <summary>Answers larger than this are an error rather than a memory spike.</summary>
    public long MaxResponseBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>How long a pooled connection lives, so DNS changes behind a Service are picked up.</summary>
    public TimeSpan ConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(DefaultTimeout, TimeSpan.Zero, nameof(DefaultTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(DefaultTimeout, PrometheusEndpoint.MaxTimeout, nameof(DefaultTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentQueries, 1, nameof(MaxConcurrentQueries));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxGetQueryLength, 0, nameof(MaxGetQueryLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, 1, nameof(MaxResponseBytes));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectionLifetime, TimeSpan.Zero, nameof(ConnectionLifetime));
    }
}
