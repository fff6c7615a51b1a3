using System.Threading.Channels;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>
/// One policy's timer: waits for its next slot (or a wake-up on a generation change), then asks
/// the controller to reconcile. Keeps the policy's latest snapshot and the status the last
/// reconcile produced, which is what the next reconcile starts from (status is only written on a
/// material change, so the API's copy may be older).
/// </summary>
internal sealed class PolicyWorker : IDisposable
{
    private readonly object _gate = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _ticks;
    private readonly CancellationTokenSource _abort;
    private readonly TimeProvider _time;
    private readonly PolicyControllerOptions _options;
    private PolicySnapshot _snapshot;
    private ScalingPolicyStatus? _status;
    private TickSchedule _schedule;
    private Task _loop = Task.CompletedTask;

    public PolicyWorker(PolicySnapshot snapshot, PolicyControllerOptions options, TimeProvider time, CancellationToken stopping, CancellationToken abort)
    {
        _snapshot = snapshot;
        _options = options;
        _time = time;
        _schedule = NewSchedule(snapshot);
        _ticks = CancellationTokenSource.CreateLinkedTokenSource(stopping, abort);
        _abort = CancellationTokenSource.CreateLinkedTokenSource(abort);
    }

    public PolicyKey Key => _snapshot.Key;

    /// <summary>Completes when the loop has ended (stopped, deleted or aborted).</summary>
    public Task Completion => _loop;

    public TimeSpan Phase => _schedule.Phase;

    /// <summary>The snapshot to reconcile, and the status to start from: ours when we have one, else the API's.</summary>
    public (PolicySnapshot Snapshot, ScalingPolicyStatus? Status) Current()
    {
        lock (_gate) return (_snapshot, _status ?? _snapshot.Status);
    }

    public void Remember(ScalingPolicyStatus status)
    {
        lock (_gate) _status = status;
    }

    /// <summary>Starts the loop. A spec the operator has not yet observed (new, or edited while it was away) is reconciled at once; otherwise at its next slot.</summary>
    public void Start(Func<PolicyWorker, CancellationToken, Task> reconcile)
    {
        var now = _time.GetUtcNow();
        var first = _snapshot.Status?.ObservedGeneration == _snapshot.Generation ? _schedule.Next(now) : now;
        _loop = LoopAsync(first, reconcile);
    }

    /// <summary>
    /// Takes a newer snapshot; a generation change wakes the loop at once. A new uid is a new
    /// object under the same name (deleted and re-created while the watch was away): it starts
    /// from its own status, not from what we remembered of the old one.
    /// </summary>
    public void Update(PolicySnapshot snapshot)
    {
        bool changed;
        lock (_gate)
        {
            var recreated = snapshot.Uid is not null && _snapshot.Uid is not null && snapshot.Uid != _snapshot.Uid;
            if (recreated) _status = null;
            changed = recreated || snapshot.Generation != _snapshot.Generation;
            _snapshot = snapshot;
            if (changed) _schedule = NewSchedule(snapshot);
        }
        if (changed) _wake.Writer.TryWrite(true);
    }

    /// <summary>No more ticks; a reconcile in flight finishes unless <paramref name="abort"/>.</summary>
    public void Stop(bool abort)
    {
        _ticks.Cancel();
        if (abort) _abort.Cancel();
    }

    public void Dispose()
    {
        _ticks.Dispose();
        _abort.Dispose();
    }

    private TickSchedule NewSchedule(PolicySnapshot snapshot) =>
        new(snapshot.Key, TickSchedule.IntervalOf(snapshot.Spec), _options.MaxJitter, _options.Seed);

    private async Task LoopAsync(DateTimeOffset due, Func<PolicyWorker, CancellationToken, Task> reconcile)
    {
        await Task.Yield();
        try
        {
            TickSchedule schedule;
            lock (_gate) schedule = _schedule;
            while (true)
            {
                var onTime = await WaitUntilAsync(due, _ticks.Token);
                await reconcile(this, _abort.Token);
                TickSchedule current;
                lock (_gate) current = _schedule;
                var now = _time.GetUtcNow();
                if (current != schedule)
                {
                    schedule = current; // the interval may have changed with the spec
                    due = schedule.Next(now);
                }
                else if (onTime)
                {
                    // The slot after the one just served; a reconcile that overran by a whole
                    // interval skips the missed slots rather than catching up in a burst.
                    due = schedule.Next(due);
                    if (now - due >= schedule.Interval) due = schedule.Next(now);
                }
                // Woken early (generation change): the pending slot still stands.
            }
        }
        catch (OperationCanceledException) when (_ticks.IsCancellationRequested || _abort.IsCancellationRequested)
        {
            // stopped, deleted or aborted
        }
    }

    /// <summary>Waits for <paramref name="due"/> or a wake-up; true when the slot was reached.</summary>
    private async Task<bool> WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_wake.Reader.TryRead(out _)) return false;
        var delay = due - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero) return true;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, _time, waiting.Token);
        var woken = _wake.Reader.WaitToReadAsync(waiting.Token).AsTask();
        var first = await Task.WhenAny(sleep, woken);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        var onTime = first == sleep && sleep.IsCompletedSuccessfully;
        _wake.Reader.TryRead(out _);
        return onTime;
    }
}
