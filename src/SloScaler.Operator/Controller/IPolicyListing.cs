namespace SloScaler.Operator.Controller;

/// <summary>
/// Optional capability of an <see cref="IPolicySource"/>: a one-off list (for <c>run --once</c>)
/// and whether the watch has delivered its first complete list (for readiness). A source
/// without it still works: the controller then treats a quiet stream as listed
/// (<see cref="PolicyControllerOptions.SyncQuietPeriod"/>).
/// </summary>
public interface IPolicyListing
{
    /// <summary>True once <see cref="IPolicySource.WatchAsync"/> has emitted every policy of its first list.</summary>
    bool HasSynced { get; }

    /// <summary>Every policy in the watched namespaces, once, without watching.</summary>
    Task<IReadOnlyList<PolicySnapshot>> ListAsync(CancellationToken cancellationToken);
}
