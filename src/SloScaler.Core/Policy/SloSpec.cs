using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>The tail-latency objective.</summary>
public sealed record SloSpec
{
    /// <summary>PromQL giving the tail latency in seconds, e.g. a <c>histogram_quantile(0.99, …)</c>.</summary>
    [Description("PromQL giving the tail latency in seconds, e.g. histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m]))).")]
    public string? LatencyQuery { get; init; }
    /// <summary>The latency the tail must stay at or under, e.g. <c>250ms</c>.</summary>
    [Description("The latency the tail must stay at or under, as a Go duration, e.g. 250ms.")]
    public Duration? Objective { get; init; }
    /// <summary>
    /// The window the latency query averages over (the <c>[1m]</c> in its <c>rate()</c>); default <c>1m</c>.
    /// After a scale the engine waits this long before it learns capacity from latency.
    /// </summary>
    [Description("The window the latency query averages over (the [1m] in its rate()); default 1m. After a scale the engine waits this long before it learns capacity from latency.")]
    public Duration? Window { get; init; }
}
