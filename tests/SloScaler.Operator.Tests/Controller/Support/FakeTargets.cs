using System.Collections.Concurrent;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>
/// Scale subresources by <c>namespace/name</c> of the target (4 replicas unless set). Can throw for
/// one target, and can hold every read at a gate to see how many reconciles run at once.
/// </summary>
internal sealed class FakeTargets : IScaleTarget
{
    private int _inside;
    private int _maxInside;

    public ConcurrentDictionary<string, int> Replicas { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Target, int Replicas)> Writes { get; } = new();

    /// <summary>Reads of this target throw, as a port breaking its contract would.</summary>
    public string? Throws { get; set; }

    /// <summary>When set, every read waits for it.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Inside => Volatile.Read(ref _inside);

    public int MaxInside => Volatile.Read(ref _maxInside);

    public async Task<ScaleReading> GetAsync(string @namespace, TargetReference target, CancellationToken cancellationToken)
    {
        var key = $"{@namespace}/{target.Name}";
        var now = Interlocked.Increment(ref _inside);
        InterlockedMax(ref _maxInside, now);
        try
        {
            if (Gate is { } gate) await gate.Task.WaitAsync(cancellationToken);
            if (key == Throws) throw new InvalidOperationException($"boom reading {key}");
            return ScaleReading.Found(Replicas.GetOrAdd(key, 4), null);
        }
        finally
        {
            Interlocked.Decrement(ref _inside);
        }
    }

    public Task<ScaleWrite> SetReplicasAsync(string @namespace, TargetReference target, int replicas, CancellationToken cancellationToken)
    {
        var key = $"{@namespace}/{target.Name}";
        Replicas[key] = replicas;
        Writes.Enqueue((key, replicas));
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
