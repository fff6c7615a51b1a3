using SloScaler.Core.Reconcile;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Tests.Support;

/// <summary>A workload whose replicas change when written; can be missing or refuse writes.</summary>
internal sealed class FakeScaleTarget : IScaleTarget
{
    public int Replicas { get; set; } = 4;
    public bool Exists { get; set; } = true;
    public string? WriteError { get; set; }
    public List<int> Writes { get; } = [];

    public Task<ScaleReading> GetAsync(string @namespace, TargetReference target, CancellationToken cancellationToken) =>
        Task.FromResult(Exists ? ScaleReading.Found(Replicas, Replicas) : ScaleReading.NotFound($"deployments.apps \"{target.Name}\" not found"));

    public Task<ScaleWrite> SetReplicasAsync(string @namespace, TargetReference target, int replicas, CancellationToken cancellationToken)
    {
        if (WriteError is not null) return Task.FromResult(ScaleWrite.Failed(WriteError));
        Writes.Add(replicas);
        Replicas = replicas;
        return Task.FromResult(ScaleWrite.Ok);
    }
}
