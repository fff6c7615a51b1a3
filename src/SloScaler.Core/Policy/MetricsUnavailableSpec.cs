using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>What to do when the metrics stay unknown.</summary>
public sealed record MetricsUnavailableSpec
{
    /// <summary><c>Hold</c> (default: keep replicas) or <c>Fallback</c> (go to <see cref="FallbackReplicas"/>, never below current).</summary>
    [Description("Hold (default): keep the replicas. Fallback: go to fallbackReplicas, never below the current replicas while blind.")]
    public string? Action { get; init; }
    [Description("The replicas to go to with the Fallback action.")]
    public int? FallbackReplicas { get; init; }
    /// <summary>Consecutive failed evaluations before the action applies; default 3.</summary>
    [Description("Consecutive failed evaluations before the action applies; default 3.")]
    public int? AfterFailures { get; init; }
}
