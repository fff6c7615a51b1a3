namespace SloScaler.Operator.Controller;

/// <summary>
/// Whether the policy cache holds the first complete list (for readiness). A source that can say
/// so (<see cref="IPolicyListing"/>) is asked; for any other, the stream counts as synced once it
/// has been quiet for <see cref="PolicyControllerOptions.SyncQuietPeriod"/> or open for
/// <see cref="PolicyControllerOptions.SyncMaxWait"/>, and stays synced until it is closed.
/// </summary>
internal sealed class SyncTracker(IPolicySource source, PolicyControllerOptions options, TimeProvider time)
{
    private long _lastChangeTimestamp;
    private long _openedTimestamp;
    private volatile bool _open;
    private volatile bool _quietSynced;

    public bool HasSynced
    {
        get
        {
            if (!_open) return false;
            if (source is IPolicyListing listing) return listing.HasSynced;
            if (_quietSynced) return true;
            var quiet = time.GetElapsedTime(Interlocked.Read(ref _lastChangeTimestamp)) >= options.SyncQuietPeriod
                || time.GetElapsedTime(Interlocked.Read(ref _openedTimestamp)) >= options.SyncMaxWait;
            if (quiet) _quietSynced = true;
            return quiet;
        }
    }

    /// <summary>The stream was (re)opened.</summary>
    public void Opened()
    {
        Interlocked.Exchange(ref _lastChangeTimestamp, time.GetTimestamp());
        Interlocked.Exchange(ref _openedTimestamp, time.GetTimestamp());
        _open = true;
    }

    /// <summary>The stream delivered a change.</summary>
    public void Changed() => Interlocked.Exchange(ref _lastChangeTimestamp, time.GetTimestamp());

    /// <summary>The controller stopped: not synced until the stream opens again.</summary>
    public void Closed()
    {
        _open = false;
        _quietSynced = false;
    }
}
