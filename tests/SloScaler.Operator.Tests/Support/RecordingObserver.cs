using System.Collections.Concurrent;
using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Prometheus;

namespace SloScaler.Operator.Tests.Support;

/// <summary>Records what the controller and the Prometheus adapter report to their observers (thread-safe); can throw, as a broken observer would.</summary>
internal sealed class RecordingObserver(bool throws = false) : IReconcileObserver, IPrometheusQueryObserver
{
    private readonly ConcurrentQueue<(TimeSpan Elapsed, MetricReadingKind Kind)> _queries = new();

    public ConcurrentQueue<PolicyKey> Reconciled { get; } = new();

    public ConcurrentQueue<PolicyKey> Failed { get; } = new();

    public ConcurrentQueue<PolicyKey> Deleted { get; } = new();

    /// <summary>Every Prometheus query seen, in order.</summary>
    public IReadOnlyList<(TimeSpan Elapsed, MetricReadingKind Kind)> Seen => [.. _queries];

    public void OnReconciled(PolicyKey key, ReconcileOutcome outcome, TimeSpan elapsed) => Record(Reconciled, key);

    public void OnFailed(PolicyKey key, Exception error, TimeSpan elapsed) => Record(Failed, key);

    public void OnDeleted(PolicyKey key) => Record(Deleted, key);

    public void OnQuery(TimeSpan elapsed, MetricReadingKind kind)
    {
        _queries.Enqueue((elapsed, kind));
        if (throws) throw new InvalidOperationException("observer failure");
    }

    private void Record(ConcurrentQueue<PolicyKey> queue, PolicyKey key)
    {
        queue.Enqueue(key);
        if (throws) throw new InvalidOperationException("observer failure");
    }
}
