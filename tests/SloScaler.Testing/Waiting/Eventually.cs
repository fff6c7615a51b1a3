using System.Diagnostics;

namespace SloScaler.Testing.Waiting;

/// <summary>
/// Bounded waits for something another thread or a real server does: poll until it holds (or fail
/// saying what was last seen), or check that it keeps holding for a while. The bounds are generous
/// (a busy two-core CI machine must never reach them); a test that passes only because a bound is
/// short is wrong: wait for an event instead (see <see cref="FakeClock"/>).
/// </summary>
public static class Eventually
{
    /// <summary>How long <see cref="True"/> waits by default.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="bound"/> (default <see cref="Bound"/>).</summary>
    public static async Task True(Func<bool> condition, string what, TimeSpan? bound = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        var limit = bound ?? Bound;
        while (!condition())
        {
            if (clock.Elapsed > limit) throw new TimeoutException($"waited {limit.TotalSeconds:0}s for: {what}");
            await Task.Delay(Poll);
        }
    }

    /// <summary>
    /// Polls <paramref name="probe"/> every half second until <paramref name="ok"/>; returns the value
    /// that satisfied it. A probe that throws (a server not answering yet) counts as "not yet".
    /// </summary>
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> ok, TimeSpan bound, string what, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(ok);
        var clock = Stopwatch.StartNew();
        var seen = "nothing yet";
        do
        {
            try
            {
                var value = await probe();
                if (ok(value)) return value;
                seen = describe is null ? $"{value}" : describe(value);
            }
            catch (Exception e) when (e is not OperationCanceledException and not ConditionBrokenException)
            {
                seen = $"{e.GetType().Name}: {e.Message}";
            }
            await Task.Delay(Every);
        }
        while (clock.Elapsed < bound);
        throw new TimeoutException($"waited {bound.TotalSeconds:0}s for {what}; last seen: {seen}");
    }

    /// <summary>Checks <paramref name="ok"/> every half second for <paramref name="duration"/>; fails at the first value that breaks it.</summary>
    public static async Task HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> ok, TimeSpan duration, string what, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(ok);
        var clock = Stopwatch.StartNew();
        do
        {
            var value = await probe();
            if (!ok(value))
                throw new ConditionBrokenException($"{what} stopped holding after {clock.Elapsed.TotalSeconds:0.0}s: {(describe is null ? $"{value}" : describe(value))}");
            await Task.Delay(Every);
        }
        while (clock.Elapsed < duration);
    }
}
