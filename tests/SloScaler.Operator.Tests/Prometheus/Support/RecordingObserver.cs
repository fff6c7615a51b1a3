using System.Collections.Concurrent;
using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;

namespace SloScaler.Operator.Tests.Prometheus.Support;

internal sealed class RecordingObserver(bool throws = false) : IPrometheusQueryObserver
{
    private readonly ConcurrentQueue<(TimeSpan Elapsed, MetricReadingKind Kind)> _seen = new();

    public IReadOnlyList<(TimeSpan Elapsed, MetricReadingKind Kind)> Seen => [.. _seen];

    public void OnQuery(TimeSpan elapsed, MetricReadingKind kind)
    {
        _seen.Enqueue((elapsed, kind));
        if (throws)
            throw new InvalidOperationException("observer failure");
    }
}
