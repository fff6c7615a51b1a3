namespace SloScaler.Load.Running;

/// <summary>How an open-loop run reports and bounds itself.</summary>
public sealed record RunOptions
{
    /// <summary>The reporting interval (by intended send time).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Outcomes intended before this offset are a warm-up: kept per interval, left out of the run's totals.</summary>
    public TimeSpan RecordFrom { get; init; } = TimeSpan.Zero;

    /// <summary>A request dispatched later than this after its intended time counts as late (its latency still runs from the intended time).</summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Requests in flight at most; one more is dropped (counted, not sent).</summary>
    public int MaxInFlight { get; init; } = 2_000;
}
