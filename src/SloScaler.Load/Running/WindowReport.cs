namespace SloScaler.Load.Running;

/// <summary>
/// What happened to the requests intended in one window: <see cref="Sent"/> dispatched,
/// <see cref="Late"/> dispatched later than the lateness tolerance, <see cref="Dropped"/> not sent
/// (the in-flight cap was reached), <see cref="Errors"/> failed or timed out. Latency covers the
/// successful ones, measured from each request's intended send time.
/// </summary>
public sealed record WindowReport(TimeSpan Start, TimeSpan Length, long Sent, long Late, long Dropped, long Errors, LatencySummary Latency)
{
    /// <summary>Intended requests per second of the window.</summary>
    public double Rate => Length > TimeSpan.Zero ? (Sent + Dropped) / Length.TotalSeconds : 0;
}
