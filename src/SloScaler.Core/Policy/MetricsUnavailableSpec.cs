namespace SloScaler.Core.Policy;

/// <summary>What to do when the metrics stay unknown.</summary>
public sealed record MetricsUnavailableSpec
{
    /// <summary><c>Hold</c> (default: keep replicas) or <c>Fallback</c> (go to <see cref="FallbackReplicas"/>, never below current).</summary>
    public string? Action { get; init; }
    public int? FallbackReplicas { get; init; }
    /// <summary>Consecutive failed evaluations before the action applies; default 3.</summary>
    public int? AfterFailures { get; init; }
}
