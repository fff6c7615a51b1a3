using System.Collections.Concurrent;
using SloScaler.Core.Settings;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Validation;

namespace SloScaler.Testing.Fakes;

/// <summary>
/// Scale subresources by <c>namespace/name</c> of the target (<see cref="DefaultReplicas"/> until
/// written; thread-safe). Targets can be missing, refuse writes, throw for one target (as a port
/// breaking its contract would), or hold every read at a gate to see how many reconciles run at once.
/// </summary>
public sealed class FakeScaleTarget : IScaleTarget
{
    private readonly ConcurrentQueue<(string Target, int Replicas)> _writes = new();
    private int _inside;
    private int _maxInside;

    /// <summary>The replicas of a target never written.</summary>
    public int DefaultReplicas { get; set; } = 4;

    /// <summary>Whether a read also reports the ready replicas (as many as the spec asks for).</summary>
    public bool ReportsReady { get; set; }

    /// <summary>False: every target reads as not found.</summary>
    public bool Exists { get; set; } = true;

    /// <summary>When set, every write fails with this message.</summary>
    public string? WriteError { get; set; }

    /// <summary>Reads of this target (<c>namespace/name</c>) throw.</summary>
    public string? Throws { get; set; }

    /// <summary>When set, every read waits for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Replicas by <c>namespace/name</c>, for targets read or written.</summary>
    public ConcurrentDictionary<string, int> Replicas { get; } = new(StringComparer.Ordinal);

    /// <summary>Every successful write, in order.</summary>
    public IReadOnlyList<(string Target, int Replicas)> Writes => [.. _writes];

    /// <summary>The replicas of every successful write, in order.</summary>
    public IReadOnlyList<int> Written => [.. _writes.Select(w => w.Replicas)];

    /// <summary>Reads in progress right now.</summary>
    public int Inside => Volatile.Read(ref _inside);

    /// <summary>The most reads ever in progress at once.</summary>
    public int MaxInside => Volatile.Read(ref _maxInside);

    public int ReplicasOf(string target) => Replicas.GetValueOrDefault(target, DefaultReplicas);

    public async Task<ScaleReading> GetAsync(string @namespace, TargetReference target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var key = $"{@namespace}/{target.Name}";
        var now = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _maxInside, now);
        try
        {
            if (Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
            if (key == Throws) throw new InvalidOperationException($"boom reading {key}");
            if (!Exists) return ScaleReading.NotFound($"deployments.apps \"{target.Name}\" not found");
            var replicas = Replicas.GetOrAdd(key, DefaultReplicas);
            return ScaleReading.Found(replicas, ReportsReady ? replicas : null);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public Task<ScaleWrite> SetReplicasAsync(string @namespace, TargetReference target, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (WriteError is not null) return Task.FromResult(ScaleWrite.Failed(WriteError));
        var key = $"{@namespace}/{target.Name}";
        Replicas[key] = replicas;
        _writes.Enqueue((key, replicas));
        return Task.FromResult(ScaleWrite.Ok);
    }

    private static void InterlockedMax(ref int location, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, seen) != seen)
        {
        }
    }
}
