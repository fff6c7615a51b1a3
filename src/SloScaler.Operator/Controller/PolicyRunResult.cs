using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>One policy's result in <see cref="PolicyController.RunOnceAsync"/>: its outcome, or the exception its reconcile threw.</summary>
public sealed record PolicyRunResult(PolicySnapshot Policy, ReconcileOutcome? Outcome, Exception? Error)
{
    public PolicyKey Key => Policy.Key;
}
