using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace SloScaler.Testing.Waiting;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also shows which timers are armed and when they are due,
/// and lets a test wait for that: "the policy's timer is armed for its next slot" is an event, so a
/// test can advance the clock only once the code under test is waiting on it (never racing it), and
/// can say "nothing more happens" exactly (everything is parked on a timer due later) instead of
/// waiting a while and hoping.
/// </summary>
public sealed class FakeClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<ArmedTimer> _timers = [];
    private readonly List<(Func<IReadOnlyList<DateTimeOffset>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    /// <summary>When each armed timer is due next, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> Armed
    {
        get
        {
            lock (_gate) return ArmedLocked();
        }
    }

    /// <summary>
    /// Waits (real time, bounded by <paramref name="bound"/>, default <see cref="Eventually.Bound"/>)
    /// until the due times of the armed timers satisfy <paramref name="condition"/>.
    /// </summary>
    public async Task WhenArmedAsync(Func<IReadOnlyList<DateTimeOffset>, bool> condition, string what, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(ArmedLocked())) return;
            _waiters.Add((condition, done));
        }
        try
        {
            await done.Task.WaitAsync(bound ?? Eventually.Bound);
        }
        catch (TimeoutException)
        {
            lock (_gate) _waiters.RemoveAll(w => w.Done == done);
            throw new TimeoutException($"waited {(bound ?? Eventually.Bound).TotalSeconds:0}s for: {what}; now {GetUtcNow():O}, timers due at [{string.Join(", ", Armed.Select(d => d.ToString("O", CultureInfo.InvariantCulture)))}]");
        }
    }

    /// <summary>
    /// Waits until a timer is armed for <paramref name="due"/> (timers count whole milliseconds, as
    /// <see cref="Task.Delay(TimeSpan, TimeProvider)"/> does: one due less than 1 ms away matches).
    /// </summary>
    public Task ArmedAtAsync(DateTimeOffset due, string what) =>
        WhenArmedAsync(d => d.Any(t => (t - due).Duration() < TimeSpan.FromMilliseconds(1)), what);

    /// <summary>Waits until at least <paramref name="count"/> timers are armed for a time after now (their owners are parked on them).</summary>
    public Task ArmedAheadAsync(int count, string what) => WhenArmedAsync(d => d.Count(t => t > GetUtcNow()) >= count, what);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ArmedTimer(this);
        // Created disarmed, then armed through Change, so the due time is recorded before a timer due now can fire.
        timer.Inner = base.CreateTimer(s => { timer.Fired(); callback(s); }, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    private List<DateTimeOffset> ArmedLocked() => [.. _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value).Order()];

    private void Update(ArmedTimer timer, DateTimeOffset? due, TimeSpan period)
    {
        List<TaskCompletionSource> release = [];
        lock (_gate)
        {
            timer.Due = due;
            timer.Period = period;
            if (due is null) _timers.Remove(timer);
            else if (!_timers.Contains(timer)) _timers.Add(timer);
            var armed = ArmedLocked();
            foreach (var waiter in _waiters.Where(w => w.Condition(armed)).ToList())
            {
                _waiters.Remove(waiter);
                release.Add(waiter.Done);
            }
        }
        foreach (var done in release) done.TrySetResult();
    }

    private sealed class ArmedTimer(FakeClock clock) : ITimer
    {
        public ITimer? Inner { get; set; }

        public DateTimeOffset? Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Update(this, dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime, period);
            return Inner!.Change(dueTime, period);
        }

        public void Fired()
        {
            DateTimeOffset? next;
            lock (clock._gate) next = Period == Timeout.InfiniteTimeSpan || Period == TimeSpan.Zero ? null : Due + Period;
            clock.Update(this, next, Period);
        }

        public void Dispose()
        {
            clock.Update(this, null, Period);
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Update(this, null, Period);
            return Inner?.DisposeAsync() ?? ValueTask.CompletedTask;
        }
    }
}
