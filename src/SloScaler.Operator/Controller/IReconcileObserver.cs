using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>
/// Sees every reconcile the controller runs, for metrics. Called from many policies at once:
/// must be cheap and thread-safe. An exception thrown here is logged and otherwise ignored.
/// </summary>
public interface IReconcileObserver
{
    void OnReconciled(PolicyKey key, ReconcileOutcome outcome, TimeSpan elapsed);

    /// <summary>The reconcile threw (a port broke its contract, or a bug); the policy is retried at its next tick.</summary>
    void OnFailed(PolicyKey key, Exception error, TimeSpan elapsed);

    /// <summary>The policy is gone: forget its labelled series.</summary>
    void OnDeleted(PolicyKey key);
}
