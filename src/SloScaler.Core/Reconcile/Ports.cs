using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Reconcile;

/// <summary>Which policy, for reports and logs.</summary>
public sealed record PolicyKey(string Namespace, string Name)
{
    public override string ToString() => $"{Namespace}/{Name}";
}

public enum ScaleReadingKind { Found, NotFound, Error }

/// <summary>The target's scale subresource: <c>spec.replicas</c> and, when known, how many serve.</summary>
public sealed record ScaleReading(ScaleReadingKind Kind, int SpecReplicas, int? ReadyReplicas, string? Message)
{
    public static ScaleReading Found(int specReplicas, int? readyReplicas = null) => new(ScaleReadingKind.Found, specReplicas, readyReplicas, null);

    public static ScaleReading NotFound(string message) => new(ScaleReadingKind.NotFound, 0, null, message);

    public static ScaleReading Failed(string message) => new(ScaleReadingKind.Error, 0, null, message);
}

/// <summary>The outcome of writing replicas.</summary>
public sealed record ScaleWrite(bool Succeeded, string? Message)
{
    public static ScaleWrite Ok { get; } = new(true, null);

    public static ScaleWrite Failed(string message) => new(false, message);
}

/// <summary>Port: the workload's scale subresource. Implementations report failures as values, not exceptions.</summary>
public interface IScaleTarget
{
    Task<ScaleReading> GetAsync(string @namespace, TargetReference target, CancellationToken cancellationToken);

    Task<ScaleWrite> SetReplicasAsync(string @namespace, TargetReference target, int replicas, CancellationToken cancellationToken);
}

/// <summary>Port: where status and events go (the policy's status subresource and Kubernetes Events in the operator).</summary>
public interface IStatusSink
{
    Task ReportAsync(PolicyReport report, CancellationToken cancellationToken);
}
