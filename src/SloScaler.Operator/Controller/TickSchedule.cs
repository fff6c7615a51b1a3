using System.Text;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Validation;

namespace SloScaler.Operator.Controller;

/// <summary>
/// When a policy's ticks fall: on slots <c>phase + k × interval</c> from the Unix epoch, where the
/// phase comes from a stable hash of <c>namespace/name</c>, so ticks of many policies are spread
/// over the interval (and land on the same slots after a restart or on another replica), plus a
/// small seeded jitter.
/// </summary>
public sealed class TickSchedule
{
    private readonly Random _random;
    private readonly TimeSpan _maxJitter;

    public TickSchedule(PolicyKey key, TimeSpan interval, TimeSpan maxJitter, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Interval = interval;
        var hash = StableHash(key);
        Phase = TimeSpan.FromTicks((long)(hash % (ulong)interval.Ticks));
        _maxJitter = TimeSpan.FromTicks(Math.Min(maxJitter.Ticks, interval.Ticks / 10));
        _random = new Random(seed ^ (int)hash ^ (int)(hash >> 32));
    }

    public TimeSpan Interval { get; }

    /// <summary>Offset of this policy's slots within the interval.</summary>
    public TimeSpan Phase { get; }

    /// <summary>The first slot strictly after <paramref name="now"/>, plus jitter.</summary>
    public DateTimeOffset Next(DateTimeOffset now)
    {
        var sinceEpoch = (now - DateTimeOffset.UnixEpoch - Phase).Ticks;
        var slot = Math.DivRem(sinceEpoch, Interval.Ticks, out var rest);
        if (rest < 0) slot--; // floor, also before the epoch
        return DateTimeOffset.UnixEpoch + Phase + TimeSpan.FromTicks((slot + 1) * Interval.Ticks) + Jitter();
    }

    /// <summary>The interval a spec asks for; an invalid spec still ticks at its interval when that part parses, else the default.</summary>
    public static TimeSpan IntervalOf(ScalingPolicySpec? spec)
    {
        var validation = PolicyValidator.Validate(spec);
        if (validation.Settings is { } settings) return settings.Interval;
        return spec?.Interval?.Value is { } asked && asked >= PolicyDefaults.MinInterval && asked <= PolicyDefaults.MaxInterval
            ? asked
            : PolicyDefaults.Interval;
    }

    /// <summary>FNV-1a over the UTF-8 of <c>namespace/name</c>: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    public static ulong StableHash(PolicyKey key)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes($"{key.Namespace}/{key.Name}"))
        {
            hash ^= b;
            hash *= prime;
        }
        return hash;
    }

    private TimeSpan Jitter()
    {
        if (_maxJitter <= TimeSpan.Zero) return TimeSpan.Zero;
        lock (_random) return TimeSpan.FromTicks((long)(_random.NextDouble() * _maxJitter.Ticks));
    }
}
