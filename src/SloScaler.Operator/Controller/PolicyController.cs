using Microsoft.Extensions.Logging;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Once;

namespace SloScaler.Operator.Controller;

/// <summary>
/// Keeps a watch-fed cache of policies and one timer per policy, and runs the core's
/// <see cref="ReconcileStep"/> for each at its interval (phased, jittered), at once on a
/// generation change, with at most <see cref="PolicyControllerOptions.MaxConcurrentReconciles"/>
/// in flight. One policy's failure never stops another. Thin: the core decides. The jobs are
/// each in a type of their own: the cache (<see cref="PolicyCache"/>), the stream and its
/// reconnects (<see cref="ReconnectingWatch"/>), whether the cache is synced
/// (<see cref="SyncTracker"/>), the concurrency gate (<see cref="ReconcileGate"/>) and
/// <c>--once</c> (<see cref="OncePass"/>); this type wires them.
/// </summary>
public sealed class PolicyController : IDisposable
{
    private readonly ReconcileGate _gate;
    private readonly SyncTracker _sync;
    private readonly PolicyCache _cache;
    private readonly ReconnectingWatch _watch;
    private readonly OncePass _once;

    public PolicyController(
        IPolicySource source, ReconcileStep step, PolicyControllerOptions options, TimeProvider time, ILogger<PolicyController> logger,
        IReconcileObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _gate = new ReconcileGate(step, options, time, logger, observer);
        _sync = new SyncTracker(source, options, time);
        _cache = new PolicyCache(options, _gate, time, logger);
        _watch = new ReconnectingWatch(source, options, _sync, time, logger);
        _once = new OncePass(source, _gate, options, time);
    }

    /// <summary>Policies in the cache.</summary>
    public int PolicyCount => _cache.Count;

    /// <summary>Reconciles that finished with an outcome.</summary>
    public long ReconcileCount => _gate.ReconcileCount;

    /// <summary>Reconciles that threw.</summary>
    public long ErrorCount => _gate.ErrorCount;

    /// <summary>Reconciles running right now.</summary>
    public int InFlight => _gate.InFlight;

    /// <summary>Whether the cache holds the first complete list (for readiness).</summary>
    public bool HasSynced => _sync.HasSynced;

    /// <summary>The policies in the cache, for diagnostics and tests.</summary>
    public IReadOnlyCollection<PolicyKey> Policies => _cache.Keys;

    /// <summary>The status as the watch last delivered it (the API's copy), for tests.</summary>
    internal ScalingPolicyStatus? StoredStatusOf(PolicyKey key) => _cache.StoredStatusOf(key);

    /// <summary>A cached policy's uid (for Events), or null when it is not cached.</summary>
    public string? UidOf(PolicyKey key) => _cache.UidOf(key);

    /// <summary>The offset of a cached policy's ticks within its interval.</summary>
    public TimeSpan? PhaseOf(PolicyKey key) => _cache.PhaseOf(key);

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
            await _watch.RunAsync(change => _cache.Apply(change, stopping, abort), watchStop.Token);
        }
        finally
        {
            await _cache.StopAllAsync(abort);
            _sync.Closed();
        }
    }

    /// <summary>Lists the policies and reconciles each once (<c>run --once</c>); results are sorted by namespace and name.</summary>
    public Task<IReadOnlyList<PolicyRunResult>> RunOnceAsync(CancellationToken cancellationToken) => _once.RunAsync(cancellationToken);

    public void Dispose()
    {
        _cache.Dispose();
        _gate.Dispose();
    }
}
