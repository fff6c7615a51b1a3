using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Once;

/// <summary>
/// <c>run --once</c>'s pass: lists the policies (<see cref="OnceListing"/>) and reconciles each
/// once through the <see cref="ReconcileGate"/>; one policy's failure is its own result.
/// </summary>
internal sealed class OncePass(IPolicySource source, ReconcileGate gate, PolicyControllerOptions options, TimeProvider time)
{
    /// <summary>The results, sorted by namespace and name.</summary>
    public async Task<IReadOnlyList<PolicyRunResult>> RunAsync(CancellationToken cancellationToken)
    {
        var policies = await OnceListing.ListAsync(source, options.SyncQuietPeriod, time, cancellationToken);
        var results = await Task.WhenAll(policies.Select(p => RunOneAsync(p, cancellationToken)));
        return [.. results.OrderBy(r => r.Key.Namespace, StringComparer.Ordinal).ThenBy(r => r.Key.Name, StringComparer.Ordinal)];
    }

    private async Task<PolicyRunResult> RunOneAsync(PolicySnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await gate.RunAsync(snapshot, snapshot.Status, cancellationToken, rethrow: true);
            return new PolicyRunResult(snapshot, outcome, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new PolicyRunResult(snapshot, null, e);
        }
    }
}
