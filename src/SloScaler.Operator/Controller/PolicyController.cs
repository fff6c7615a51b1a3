using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Once;

namespace SloScaler.Operator.Controller;

/// <summary>
/// Keeps a watch-fed cache of policies and one timer per policy, and runs the core's
/// <see cref="ReconcileStep"/> for each at its interval (phased, jittered), at once on a
/// generation change, with at most <see cref="PolicyControllerOptions.MaxConcurrentReconciles"/>
/// in flight. One policy's failure never stops another. Thin: the core decides.
/// </summary>
public sealed class PolicyController : IDisposable
{
    private readonly IPolicySource _source;
    private readonly ReconcileStep _step;
    private readonly PolicyControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReconcileObserver? _observer;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<PolicyKey, PolicyWorker> _workers = new();
    private long _reconciles;
    private long _errors;
    private long _lastChangeTimestamp;
    private long _openedTimestamp;
    private volatile bool _streamOpen;
    private volatile bool _quietSynced;

    public PolicyController(
        IPolicySource source, ReconcileStep step, PolicyControllerOptions options, TimeProvider time, ILogger<PolicyController> logger,
        IReconcileObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _source = source;
        _step = step;
        _options = options;
        _time = time;
        _logger = logger;
        _observer = observer;
        _slots = new SemaphoreSlim(options.MaxConcurrentReconciles, options.MaxConcurrentReconciles);
    }

    /// <summary>Policies in the cache.</summary>
    public int PolicyCount => _workers.Count;

    /// <summary>Reconciles that finished with an outcome.</summary>
    public long ReconcileCount => Interlocked.Read(ref _reconciles);

    /// <summary>Reconciles that threw.</summary>
    public long ErrorCount => Interlocked.Read(ref _errors);

    /// <summary>Reconciles running right now.</summary>
    public int InFlight => _options.MaxConcurrentReconciles - _slots.CurrentCount;

    /// <summary>Whether the cache holds the first complete list (for readiness).</summary>
    public bool HasSynced
    {
        get
        {
            if (!_streamOpen) return false;
            if (_source is IPolicyListing listing) return listing.HasSynced;
            if (_quietSynced) return true;
            var quiet = _time.GetElapsedTime(Interlocked.Read(ref _lastChangeTimestamp)) >= _options.SyncQuietPeriod
                || _time.GetElapsedTime(Interlocked.Read(ref _openedTimestamp)) >= _options.SyncMaxWait;
            if (quiet) _quietSynced = true;
            return quiet;
        }
    }

    /// <summary>The policies in the cache, for diagnostics and tests.</summary>
    public IReadOnlyCollection<PolicyKey> Policies => [.. _workers.Keys];

    /// <summary>The status as the watch last delivered it (the API's copy), for tests.</summary>
    internal SloScaler.Core.Policy.ScalingPolicyStatus? StoredStatusOf(PolicyKey key) => _workers.TryGetValue(key, out var worker) ? worker.Current().Snapshot.Status : null;

    /// <summary>A cached policy's uid (for Events), or null when it is not cached.</summary>
    public string? UidOf(PolicyKey key) => _workers.TryGetValue(key, out var worker) ? worker.Current().Snapshot.Uid : null;

    /// <summary>The offset of a cached policy's ticks within its interval.</summary>
    public TimeSpan? PhaseOf(PolicyKey key) => _workers.TryGetValue(key, out var worker) ? worker.Phase : null;

    /// <summary>
    /// Watches and reconciles until <paramref name="stopping"/> fires, then stops every timer and
    /// lets in-flight reconciles finish for up to <see cref="PolicyControllerOptions.DrainTimeout"/>.
    /// <paramref name="abort"/> cancels in-flight reconciles at once (leadership lost).
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort = default)
    {
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(stopping, abort);
        try
        {
            await WatchAsync(stopping, abort, watchStop.Token);
        }
        finally
        {
            await StopWorkersAsync(abort);
        }
    }

    /// <summary>Lists the policies and reconciles each once (<c>run --once</c>); results are sorted by namespace and name.</summary>
    public async Task<IReadOnlyList<PolicyRunResult>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var policies = await OnceListing.ListAsync(_source, _options.SyncQuietPeriod, _time, cancellationToken);
        var results = await Task.WhenAll(policies.Select(p => RunOneAsync(p, cancellationToken)));
        return [.. results.OrderBy(r => r.Key.Namespace, StringComparer.Ordinal).ThenBy(r => r.Key.Name, StringComparer.Ordinal)];
    }

    public void Dispose()
    {
        foreach (var worker in _workers.Values) worker.Dispose();
        _slots.Dispose();
    }

    private async Task WatchAsync(CancellationToken stopping, CancellationToken abort, CancellationToken watchStop)
    {
        while (!watchStop.IsCancellationRequested)
        {
            try
            {
                Interlocked.Exchange(ref _lastChangeTimestamp, _time.GetTimestamp());
                Interlocked.Exchange(ref _openedTimestamp, _time.GetTimestamp());
                _streamOpen = true;
                await foreach (var change in _source.WatchAsync(watchStop).WithCancellation(watchStop))
                {
                    Interlocked.Exchange(ref _lastChangeTimestamp, _time.GetTimestamp());
                    Apply(change, stopping, abort);
                }
                _logger.LogWarning("The policy stream ended; reopening it in {Delay}", _options.WatchRetryDelay);
            }
            catch (OperationCanceledException) when (watchStop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "The policy stream failed; reopening it in {Delay}", _options.WatchRetryDelay);
            }
            try
            {
                await Task.Delay(_options.WatchRetryDelay, _time, watchStop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Apply(PolicyChange change, CancellationToken stopping, CancellationToken abort)
    {
        var key = change.Policy.Key;
        if (change.Kind == PolicyChangeKind.Deleted)
        {
            if (_workers.TryRemove(key, out var gone))
            {
                gone.Stop(abort: true);
                _logger.LogInformation("Policy {Policy} deleted; its timer is stopped", key);
                _ = gone.Completion.ContinueWith(_ => Forget(gone), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return;
        }

        if (_workers.TryGetValue(key, out var existing))
        {
            existing.Update(change.Policy);
            return;
        }
        var worker = new PolicyWorker(change.Policy, _options, _time, stopping, abort);
        worker.Start(ReconcileAsync);
        _workers[key] = worker;
        _logger.LogDebug("Policy {Policy} (generation {Generation}) added", key, change.Policy.Generation);
    }

    private void Forget(PolicyWorker worker)
    {
        Observe(o => o.OnDeleted(worker.Key));
        worker.Dispose();
    }

    private async Task ReconcileAsync(PolicyWorker worker, CancellationToken cancellationToken)
    {
        var (snapshot, status) = worker.Current();
        var outcome = await ReconcileAsync(snapshot, status, cancellationToken);
        if (outcome is not null) worker.Remember(outcome.Report.Status);
    }

    private async Task<PolicyRunResult> RunOneAsync(PolicySnapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await ReconcileAsync(snapshot, snapshot.Status, cancellationToken, rethrow: true);
            return new PolicyRunResult(snapshot, outcome, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new PolicyRunResult(snapshot, null, e);
        }
    }

    /// <summary>One reconcile under the concurrency bound. Exceptions are logged and counted; only cancellation escapes (or every one, with <paramref name="rethrow"/>).</summary>
    private async Task<ReconcileOutcome?> ReconcileAsync(
        PolicySnapshot snapshot, Core.Policy.ScalingPolicyStatus? status, CancellationToken cancellationToken, bool rethrow = false)
    {
        await _slots.WaitAsync(cancellationToken);
        var started = _time.GetTimestamp();
        try
        {
            var outcome = await _step.RunAsync(snapshot.Key, snapshot.Generation, snapshot.Spec, status, snapshot.Status, _options.DryRun, cancellationToken);
            Interlocked.Increment(ref _reconciles);
            var elapsed = _time.GetElapsedTime(started);
            Observe(o => o.OnReconciled(snapshot.Key, outcome, elapsed));
            ReconcileLog.Outcome(_logger, outcome, elapsed);
            return outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _errors);
            var elapsed = _time.GetElapsedTime(started);
            Observe(o => o.OnFailed(snapshot.Key, e, elapsed));
            _logger.LogError(e, "Reconciling {Policy} failed; retrying at its next tick", snapshot.Key);
            if (rethrow) throw;
            return null;
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Observe(Action<IReconcileObserver> call)
    {
        if (_observer is null) return;
        try
        {
            call(_observer);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "A reconcile observer failed");
        }
    }

    private async Task StopWorkersAsync(CancellationToken abort)
    {
        var workers = _workers.Values.ToList();
        foreach (var worker in workers) worker.Stop(abort.IsCancellationRequested);
        var all = Task.WhenAll(workers.Select(w => w.Completion));
        if (!abort.IsCancellationRequested && !all.IsCompleted)
        {
            try
            {
                await all.WaitAsync(_options.DrainTimeout, _time, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("{Count} reconciles still running after {Timeout}; cancelling them", InFlight, _options.DrainTimeout);
            }
        }
        foreach (var worker in workers) worker.Stop(abort: true);
        await all;
        foreach (var worker in workers)
        {
            _workers.TryRemove(new KeyValuePair<PolicyKey, PolicyWorker>(worker.Key, worker));
            worker.Dispose();
        }
        _streamOpen = false;
        _quietSynced = false;
    }
}
