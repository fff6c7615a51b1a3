namespace SloScaler.Core.Policy;

/// <summary>
/// The spec exactly as the user wrote it. Everything is optional here so a bad policy can be
/// read whole and every problem reported at once; <see cref="Validation.PolicyValidator"/> turns it
/// into <see cref="Validation.PolicySettings"/> with defaults applied.
/// </summary>
public sealed record ScalingPolicySpec
{
    public TargetRef? TargetRef { get; init; }
    /// <summary><c>Elastic</c> (default) or <c>Manual</c>.</summary>
    public string? Mode { get; init; }
    public int? ManualReplicas { get; init; }
    public int? MinReplicas { get; init; }
    public int? MaxReplicas { get; init; }
    /// <summary>How often the policy is evaluated; default <c>15s</c>.</summary>
    public Duration? Interval { get; init; }
    public bool? DryRun { get; init; }
    public PrometheusSpec? Prometheus { get; init; }
    public IReadOnlyList<LoadParameterSpec>? LoadParameters { get; init; }
    public SloSpec? Slo { get; init; }
    public BehaviorSpec? Behavior { get; init; }
    public ForecastSpec? Forecast { get; init; }
    public MetricsUnavailableSpec? OnMetricsUnavailable { get; init; }
}
