using Microsoft.Extensions.Logging;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>
/// Runs the core's <see cref="ReconcileStep"/> for one policy under the concurrency bound
/// (<see cref="PolicyControllerOptions.MaxConcurrentReconciles"/>), counts the outcomes and
/// failures, logs them and tells the <see cref="IReconcileObserver"/>.
/// </summary>
internal sealed class ReconcileGate : IDisposable
{
    private readonly ReconcileStep _step;
    private readonly PolicyControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReconcileObserver? _observer;
    private readonly SemaphoreSlim _slots;
    private long _reconciles;
    private long _errors;

    public ReconcileGate(ReconcileStep step, PolicyControllerOptions options, TimeProvider time, ILogger logger, IReconcileObserver? observer)
    {
        _step = step;
        _options = options;
        _time = time;
        _logger = logger;
        _observer = observer;
        _slots = new SemaphoreSlim(options.MaxConcurrentReconciles, options.MaxConcurrentReconciles);
    }

    /// <summary>Reconciles that finished with an outcome.</summary>
    public long ReconcileCount => Interlocked.Read(ref _reconciles);

    /// <summary>Reconciles that threw.</summary>
    public long ErrorCount => Interlocked.Read(ref _errors);

    /// <summary>Reconciles running right now.</summary>
    public int InFlight => _options.MaxConcurrentReconciles - _slots.CurrentCount;

    /// <summary>
    /// One reconcile under the concurrency bound. Exceptions are logged and counted; only
    /// cancellation escapes (or every one, with <paramref name="rethrow"/>).
    /// </summary>
    public async Task<ReconcileOutcome?> RunAsync(
        PolicySnapshot snapshot, ScalingPolicyStatus? status, CancellationToken cancellationToken, bool rethrow = false)
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

    /// <summary>Tells the observer a policy is gone (its labelled series can go).</summary>
    public void Deleted(PolicyKey key) => Observe(o => o.OnDeleted(key));

    public void Dispose() => _slots.Dispose();

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
}
