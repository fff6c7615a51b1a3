namespace SloScaler.Core.Policy;

/// <summary>HPA-compatible scaling behavior, plus the tolerance HPA takes as a controller flag.</summary>
public sealed record BehaviorSpec
{
    public ScalingRulesSpec? ScaleUp { get; init; }
    public ScalingRulesSpec? ScaleDown { get; init; }
    /// <summary>Relative change ignored to avoid flapping; default 0.1 as HPA.</summary>
    public double? Tolerance { get; init; }
}

public sealed record ScalingRulesSpec
{
    public Duration? StabilizationWindow { get; init; }
    /// <summary><c>Max</c> (default), <c>Min</c> or <c>Disabled</c>.</summary>
    public string? SelectPolicy { get; init; }
    public IReadOnlyList<RatePolicySpec>? Policies { get; init; }
}

public sealed record RatePolicySpec
{
    /// <summary><c>Pods</c> or <c>Percent</c>.</summary>
    public string? Type { get; init; }
    public int? Value { get; init; }
    public Duration? Period { get; init; }
}
