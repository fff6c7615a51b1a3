using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>The outcome class of a decision, for metrics and events.</summary>
public enum DecisionResult
{
    Unchanged,
    ScaleUp,
    ScaleDown,
    /// <summary>Metrics stayed unavailable: replicas held.</summary>
    Held,
    /// <summary>Metrics stayed unavailable: went to the fallback replicas.</summary>
    Fallback,
    /// <summary>Manual mode: replicas kept at <c>manualReplicas</c>.</summary>
    Manual,
}

/// <summary>How one load parameter sized the target.</summary>
/// <param name="Name">The load parameter's name.</param>
/// <param name="Value">Observed load; null when unknown.</param>
/// <param name="Forecast">The load sized for when the forecast looked ahead; null otherwise.</param>
/// <param name="PerReplica">Per-replica capacity used: declared target × learned factor.</param>
/// <param name="Replicas">Replicas this parameter asks for; null when its load is unknown.</param>
public sealed record LoadSizing(string Name, double? Value, double? Forecast, double PerReplica, int? Replicas);

/// <summary>One pipeline stage's result: its replicas, a reason from a closed set and a message.</summary>
public sealed record StageContribution(string Stage, int Replicas, string Reason, string Message);

/// <summary>One evaluation: what was seen, what every stage did, and the replicas to set.</summary>
public sealed record Decision
{
    public required DateTimeOffset Time { get; init; }
    public required ScalingMode Mode { get; init; }
    public required int CurrentReplicas { get; init; }
    /// <summary>What elastic scaling sets (or, in Manual mode, would set).</summary>
    public required int RecommendedReplicas { get; init; }
    /// <summary>The replicas to apply.</summary>
    public required int DesiredReplicas { get; init; }
    public required DecisionResult Result { get; init; }
    public required IReadOnlyList<LoadSizing> Loads { get; init; }
    public double? LatencySeconds { get; init; }
    public required TimeSpan Objective { get; init; }
    /// <summary>Whether the tail latency met the objective; null when unknown.</summary>
    public bool? SloMet { get; init; }
    public required bool MetricsAvailable { get; init; }
    /// <summary>What was unknown, e.g. <c>rps: unknown (the query returned no series)</c>.</summary>
    public string? MetricsProblem { get; init; }
    public required double CapacityFactor { get; init; }
    public required IReadOnlyList<StageContribution> Stages { get; init; }
    /// <summary>The reason of the stage that limited the number (ScaleUpLimit, TooManyReplicas, ScaleDownStabilized…), or null.</summary>
    public string? LimitedBy { get; init; }
    /// <summary>One line a person can read.</summary>
    public required string Reason { get; init; }
    public bool Changes => DesiredReplicas != CurrentReplicas;
}
