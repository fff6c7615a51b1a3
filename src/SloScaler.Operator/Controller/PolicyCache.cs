using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>
/// The watch-fed cache: one <see cref="PolicyWorker"/> (latest snapshot, remembered status, timer)
/// per policy. Applies the stream's changes and, on stop, drains the workers within
/// <see cref="PolicyControllerOptions.DrainTimeout"/>.
/// </summary>
internal sealed class PolicyCache(PolicyControllerOptions options, ReconcileGate gate, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly ConcurrentDictionary<PolicyKey, PolicyWorker> _workers = new();

    public int Count => _workers.Count;

    public IReadOnlyCollection<PolicyKey> Keys => [.. _workers.Keys];

    public ScalingPolicyStatus? StoredStatusOf(PolicyKey key) => _workers.TryGetValue(key, out var worker) ? worker.Current().Snapshot.Status : null;

    public string? UidOf(PolicyKey key) => _workers.TryGetValue(key, out var worker) ? worker.Current().Snapshot.Uid : null;

    public TimeSpan? PhaseOf(PolicyKey key) => _workers.TryGetValue(key, out var worker) ? worker.Phase : null;

    /// <summary>Adds, updates or removes the policy's worker; a new worker starts ticking at once.</summary>
    public void Apply(PolicyChange change, CancellationToken stopping, CancellationToken abort)
    {
        var key = change.Policy.Key;
        if (change.Kind == PolicyChangeKind.Deleted)
        {
            if (_workers.TryRemove(key, out var gone))
            {
                gone.Stop(abort: true);
                logger.LogInformation("Policy {Policy} deleted; its timer is stopped", key);
                _ = gone.Completion.ContinueWith(_ => Forget(gone), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return;
        }

        if (_workers.TryGetValue(key, out var existing))
        {
            existing.Update(change.Policy);
            return;
        }
        var worker = new PolicyWorker(change.Policy, options, time, stopping, abort);
        worker.Start(ReconcileAsync);
        _workers[key] = worker;
        logger.LogDebug("Policy {Policy} (generation {Generation}) added", key, change.Policy.Generation);
    }

    /// <summary>
    /// Stops every timer and lets in-flight reconciles finish for up to the drain timeout (none
    /// when <paramref name="abort"/> has fired), then cancels the rest and empties the cache.
    /// </summary>
    public async Task StopAllAsync(CancellationToken abort)
    {
        var workers = _workers.Values.ToList();
        foreach (var worker in workers) worker.Stop(abort.IsCancellationRequested);
        var all = Task.WhenAll(workers.Select(w => w.Completion));
        if (!abort.IsCancellationRequested && !all.IsCompleted)
        {
            try
            {
                await all.WaitAsync(options.DrainTimeout, time, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("{Count} reconciles still running after {Timeout}; cancelling them", gate.InFlight, options.DrainTimeout);
            }
        }
        foreach (var worker in workers) worker.Stop(abort: true);
        await all;
        foreach (var worker in workers)
        {
            _workers.TryRemove(new KeyValuePair<PolicyKey, PolicyWorker>(worker.Key, worker));
            worker.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var worker in _workers.Values) worker.Dispose();
    }

    private async Task ReconcileAsync(PolicyWorker worker, CancellationToken cancellationToken)
    {
        var (snapshot, status) = worker.Current();
        var outcome = await gate.RunAsync(snapshot, status, cancellationToken);
        if (outcome is not null) worker.Remember(outcome.Report.Status);
    }

    private void Forget(PolicyWorker worker)
    {
        gate.Deleted(worker.Key);
        worker.Dispose();
    }
}
