namespace SloScaler.Core.Policy;

/// <summary>Look-ahead: size for the load expected one replica start-up time ahead.</summary>
public sealed record ForecastSpec
{
    public bool? Enabled { get; init; }
    /// <summary>How long a new replica takes from being requested to serving; default <c>60s</c>.</summary>
    public Duration? ReplicaStartupTime { get; init; }
    /// <summary>How much recent history the trend is fitted over; default <c>1m</c>.</summary>
    public Duration? TrendWindow { get; init; }
}
