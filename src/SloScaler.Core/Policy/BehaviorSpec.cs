namespace SloScaler.Core.Policy;

/// <summary>HPA-compatible scaling behavior, plus the tolerance HPA takes as a controller flag.</summary>
public sealed record BehaviorSpec
{
    public ScalingRulesSpec? ScaleUp { get; init; }
    public ScalingRulesSpec? ScaleDown { get; init; }
}

public sealed record ScalingRulesSpec
{
    public Duration? StabilizationWindow { get; init; }
    /// <summary><c>Max</c> (default), <c>Min</c> or <c>Disabled</c>.</summary>
    public string? SelectPolicy { get; init; }
    public IReadOnlyList<RatePolicySpec>? Policies { get; init; }
    /// <summary>
    /// Relative usage change ignored in this direction, against flapping (as HPA's per-direction
    /// tolerance). Defaults: scale-down 0.1 as HPA; scale-up 0, because running above
    /// targetPerReplica means missing the SLO by the target's own definition.
    /// </summary>
    public double? Tolerance { get; init; }
}

public sealed record RatePolicySpec
{
    /// <summary><c>Pods</c> or <c>Percent</c>.</summary>
    public string? Type { get; init; }
    public int? Value { get; init; }
    public Duration? Period { get; init; }
}
