using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>HPA-compatible scaling behavior, plus the tolerance HPA takes as a controller flag.</summary>
public sealed record BehaviorSpec
{
    [Description("Rules for scaling up; default: no stabilization window, the larger of 4 pods or 100% per 15s, tolerance 0.")]
    public ScalingRulesSpec? ScaleUp { get; init; }
    [Description("Rules for scaling down; default: a 300s stabilization window, 100% per 15s, tolerance 0.1.")]
    public ScalingRulesSpec? ScaleDown { get; init; }
}

public sealed record ScalingRulesSpec
{
    [Description("The window over which the most conservative recommendation is used (the highest for scale-down, the lowest for scale-up), as a Go duration (0s to 1h).")]
    public Duration? StabilizationWindow { get; init; }
    /// <summary><c>Max</c> (default), <c>Min</c> or <c>Disabled</c>.</summary>
    [Description("Max (default) or Min picks among the rate policies; Disabled forbids scaling in this direction.")]
    public string? SelectPolicy { get; init; }
    [Description("Rate policies: at most value pods (type Pods) or value percent (type Percent) per period.")]
    public IReadOnlyList<RatePolicySpec>? Policies { get; init; }
    /// <summary>
    /// Relative usage change ignored in this direction, against flapping (as HPA's per-direction
    /// tolerance). Defaults: scale-down 0.1 as HPA; scale-up 0, because running above
    /// targetPerReplica means missing the SLO by the target's own definition.
    /// </summary>
    [Description("The relative change of usage ignored in this direction, against flapping (from 0 up to, not including, 1). Default 0.1 for scale-down, as HPA; 0 for scale-up, because running above targetPerReplica means missing the SLO.")]
    public double? Tolerance { get; init; }
}

public sealed record RatePolicySpec
{
    /// <summary><c>Pods</c> or <c>Percent</c>.</summary>
    [Description("Pods or Percent.")]
    public string? Type { get; init; }
    [Description("How many pods, or what percent of the current replicas, may be added or removed per period (at least 1).")]
    public int? Value { get; init; }
    [Description("The period the value applies to, as a Go duration (more than 0s, at most 30m).")]
    public Duration? Period { get; init; }
}
