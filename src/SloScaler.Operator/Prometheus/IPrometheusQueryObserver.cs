using SloScaler.Core.Observations;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Sees every finished query, for metrics (latency histogram, error counter). Called once per
/// query that produced a reading; not called when the caller cancelled. Must be cheap and
/// thread-safe; an exception thrown here is swallowed.
/// </summary>
public interface IPrometheusQueryObserver
{
    /// <param name="elapsed">Time from getting a query slot to the reading (queueing excluded).</param>
    /// <param name="kind">What the query gave; <see cref="MetricReadingKind.Error"/> counts failures.</param>
    void OnQuery(TimeSpan elapsed, MetricReadingKind kind);
}
