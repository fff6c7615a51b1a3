using System.Diagnostics;
using System.Net.Http;
using k8s.Autorest;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// Bounded waits against real servers: poll until something holds (or fail saying what was last
/// seen), or check that something keeps holding for a while (failing at the first violation).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="ok"/>; returns the value that satisfied it.</summary>
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> ok, TimeSpan bound, string what, Func<T, string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        var seen = "nothing yet";
        do
        {
            try
            {
                var value = await probe();
                if (ok(value))
                    return value;
                seen = describe is null ? $"{value}" : describe(value);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
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
        var clock = Stopwatch.StartNew();
        do
        {
            var value = await probe();
            if (!ok(value))
                throw new Xunit.Sdk.XunitException($"{what} stopped holding after {clock.Elapsed.TotalSeconds:0.0}s: {(describe is null ? $"{value}" : describe(value))}");
            await Task.Delay(Every);
        }
        while (clock.Elapsed < duration);
    }
}
