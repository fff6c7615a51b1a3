namespace SloScaler.Operator.Controller;

/// <summary>How the controller schedules and bounds reconciles.</summary>
public sealed record PolicyControllerOptions
{
    /// <summary>Reconciles running at once across all policies (<c>--max-concurrent-reconciles</c>).</summary>
    public int MaxConcurrentReconciles { get; init; } = 8;

    /// <summary>Decide and report, never write replicas (<c>--dry-run</c>); a policy's own <c>spec.dryRun</c> adds to it.</summary>
    public bool DryRun { get; init; }

    /// <summary>Seed for the per-tick jitter, so a run can be replayed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The most a tick is moved after its phase slot; capped at a tenth of the interval.</summary>
    public TimeSpan MaxJitter { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>On a graceful stop, how long in-flight reconciles may take to finish before they are cancelled.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For a source that cannot say when its first list is complete: the stream counts as synced
    /// once it has been quiet this long (its first list arrives as one burst).
    /// </summary>
    public TimeSpan SyncQuietPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// For the same kind of source: the stream counts as synced at the latest this long after it
    /// opened, even if never quiet (our own status writes keep a busy cluster's stream moving).
    /// </summary>
    public TimeSpan SyncMaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before re-opening a policy stream that failed (it should not).</summary>
    public TimeSpan WatchRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentReconciles, 1, nameof(MaxConcurrentReconciles));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxJitter, TimeSpan.Zero, nameof(MaxJitter));
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainTimeout, TimeSpan.Zero, nameof(DrainTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SyncQuietPeriod, TimeSpan.Zero, nameof(SyncQuietPeriod));
        ArgumentOutOfRangeException.ThrowIfLessThan(SyncMaxWait, SyncQuietPeriod, nameof(SyncMaxWait));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(WatchRetryDelay, TimeSpan.Zero, nameof(WatchRetryDelay));
    }
}
