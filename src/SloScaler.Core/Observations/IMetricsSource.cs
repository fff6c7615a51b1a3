namespace SloScaler.Core.Observations;

/// <summary>
/// Port: answers one instant query. Implementations never throw for a failed query: transport,
/// HTTP, timeout and PromQL failures come back as <see cref="MetricReadingKind.Error"/> readings.
/// Cancellation through the caller's token may throw.
/// </summary>
public interface IMetricsSource
{
    Task<MetricReading> QueryAsync(MetricsConnection connection, string query, CancellationToken cancellationToken);
}
