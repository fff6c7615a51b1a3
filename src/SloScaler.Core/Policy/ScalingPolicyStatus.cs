using SloScaler.Core.Decisions;

namespace SloScaler.Core.Policy;

/// <summary>What the operator reports, and the engine state it needs back after a restart.</summary>
public sealed record ScalingPolicyStatus
{
    public long? ObservedGeneration { get; init; }
    /// <summary>Replicas the target had when last evaluated (its scale <c>spec.replicas</c>).</summary>
    public int? CurrentReplicas { get; init; }
    /// <summary>Replicas the operator set or, in Manual mode or dry-run, would keep.</summary>
    public int? DesiredReplicas { get; init; }
    /// <summary>What elastic scaling recommends, also in Manual mode, for side-by-side reporting.</summary>
    public int? RecommendedReplicas { get; init; }
    public IReadOnlyList<LoadParameterStatus>? LoadParameters { get; init; }
    /// <summary>Short text for <c>kubectl get</c>, e.g. <c>rps 85/120</c>.</summary>
    public string? LoadPerReplica { get; init; }
    /// <summary>Observed tail latency, e.g. <c>212ms</c>; absent when unknown.</summary>
    public string? Latency { get; init; }
    public string? Objective { get; init; }
    public bool? SloMet { get; init; }
    public AttainmentStatus? Attainment { get; init; }
    public DateTimeOffset? LastScaleTime { get; init; }
    public DecisionSummary? LastDecision { get; init; }
    public IReadOnlyList<PolicyCondition>? Conditions { get; init; }
    /// <summary>The decision engine's restart state (stabilization, rate-limit events, learned capacity, failures).</summary>
    public EngineState? EngineState { get; init; }
}

public sealed record LoadParameterStatus
{
    public string? Name { get; init; }
    /// <summary>The observed load; absent when unknown.</summary>
    public double? Value { get; init; }
    /// <summary>The load the forecast sized for, when forecasting.</summary>
    public double? Forecast { get; init; }
    /// <summary>The per-replica capacity used (declared target × learned capacity factor).</summary>
    public double? PerReplica { get; init; }
    public int? Replicas { get; init; }
}

public sealed record AttainmentStatus
{
    public string? Window { get; init; }
    public double? Ratio { get; init; }
}

public sealed record DecisionSummary
{
    public DateTimeOffset? Time { get; init; }
    public int? From { get; init; }
    public int? To { get; init; }
    public string? Reason { get; init; }
    public bool? DryRun { get; init; }
}

/// <summary>A condition following Kubernetes conventions (metav1.Condition).</summary>
public sealed record PolicyCondition
{
    public string Type { get; init; } = "";
    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string Status { get; init; } = "Unknown";
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTimeOffset? LastTransitionTime { get; init; }
    public long? ObservedGeneration { get; init; }
}
