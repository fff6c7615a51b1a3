using System.Collections.Concurrent;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Tests.Controller.Support;

internal sealed class RecordingReconcileObserver : IReconcileObserver
{
    public ConcurrentQueue<PolicyKey> Reconciled { get; } = new();

    public ConcurrentQueue<PolicyKey> Failed { get; } = new();

    public ConcurrentQueue<PolicyKey> Deleted { get; } = new();

    public void OnReconciled(PolicyKey key, ReconcileOutcome outcome, TimeSpan elapsed) => Reconciled.Enqueue(key);

    public void OnFailed(PolicyKey key, Exception error, TimeSpan elapsed) => Failed.Enqueue(key);

    public void OnDeleted(PolicyKey key) => Deleted.Enqueue(key);
}
