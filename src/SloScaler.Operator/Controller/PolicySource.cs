using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>A policy as the watch-fed cache holds it.</summary>
/// <param name="Key">Namespace and name.</param>
/// <param name="Generation">metadata.generation: bumps on every spec change.</param>
/// <param name="ResourceVersion">metadata.resourceVersion: bumps on every change.</param>
/// <param name="Uid">metadata.uid: tells a re-created object from the old one.</param>
/// <param name="Spec">The spec; null when it could not be read.</param>
/// <param name="Status">The status as the API server holds it.</param>
public sealed record PolicySnapshot(PolicyKey Key, long Generation, string? ResourceVersion, string? Uid, ScalingPolicySpec? Spec, ScalingPolicyStatus? Status);

public enum PolicyChangeKind { Upserted, Deleted }

/// <summary>One change seen by the watch.</summary>
public sealed record PolicyChange(PolicyChangeKind Kind, PolicySnapshot Policy);

/// <summary>
/// Port: the stream of ScalingPolicy changes in the watched namespaces. Implementations list first
/// (one <see cref="PolicyChangeKind.Upserted"/> per policy), then watch; when the watch ends or its
/// resourceVersion expires they re-list and resume (emitting Deleted for policies that vanished
/// meanwhile) without ending the stream. The stream ends only on cancellation.
/// </summary>
public interface IPolicySource
{
    IAsyncEnumerable<PolicyChange> WatchAsync(CancellationToken cancellationToken);
}
