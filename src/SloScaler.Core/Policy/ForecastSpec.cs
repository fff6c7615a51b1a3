using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>Look-ahead: size for the load expected one replica start-up time ahead.</summary>
public sealed record ForecastSpec
{
    [Description("Size for the load one replica start-up time ahead, from the recent trend; default false.")]
    public bool? Enabled { get; init; }
    /// <summary>How long a new replica takes from being requested to serving; default <c>60s</c>.</summary>
    [Description("How long a new replica takes from being requested to serving, as a Go duration; default 60s.")]
    public Duration? ReplicaStartupTime { get; init; }
    /// <summary>How much recent history the trend is fitted over; default <c>1m</c>.</summary>
    [Description("How much recent history the trend is fitted over, as a Go duration; default 1m.")]
    public Duration? TrendWindow { get; init; }
}
