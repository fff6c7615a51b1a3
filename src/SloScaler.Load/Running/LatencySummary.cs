namespace SloScaler.Load.Running;

/// <summary>Latency quantiles of the successful requests of a window, in seconds (0 when it has none).</summary>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max);
