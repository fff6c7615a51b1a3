using System.Security.Cryptography;

namespace SloScaler.Operator.Retries;

/// <summary>
/// The operator's one source of randomness (retry jitter, watch timeouts, Event name suffixes): a
/// <see cref="Random"/> from a seed, safe to share between threads. Give the seed to replay a run;
/// <see cref="FreshSeed"/> at the host, so that two processes (or one restarted) differ.
/// </summary>
public sealed class SeededRandom(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();

    /// <summary>A seed that differs between processes, for the host to pass in.</summary>
    public static int FreshSeed() => RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>In [0, 1).</summary>
    public double NextDouble()
    {
        lock (_lock) return _random.NextDouble();
    }

    public long NextInt64()
    {
        lock (_lock) return _random.NextInt64();
    }
}
