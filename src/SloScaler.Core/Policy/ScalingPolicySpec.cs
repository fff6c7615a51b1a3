using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>
/// The spec exactly as the user wrote it. Everything is optional here so a bad policy can be
/// read whole and every problem reported at once; <see cref="Validation.PolicyValidator"/> turns it
/// into <see cref="Settings.PolicySettings"/> with defaults applied.
/// </summary>
public sealed record ScalingPolicySpec
{
    [Description("The workload to scale, in the policy's namespace: any resource with a scale subresource (Deployment, StatefulSet, a custom resource...).")]
    public TargetRef? TargetRef { get; init; }
    /// <summary><c>Elastic</c> (default) or <c>Manual</c>.</summary>
    [Description("Elastic (default): the operator sets replicas. Manual: replicas stay at manualReplicas, and the operator still measures, records SLO attainment and reports what elastic would have done.")]
    public string? Mode { get; init; }
    [Description("The replicas to keep in Manual mode; required there.")]
    public int? ManualReplicas { get; init; }
    [Description("The fewest replicas the operator sets; default 1.")]
    public int? MinReplicas { get; init; }
    [Description("The most replicas the operator sets.")]
    public int? MaxReplicas { get; init; }
    /// <summary>How often the policy is evaluated; default <c>15s</c>.</summary>
    [Description("How often the policy is evaluated, as a Go duration (1s to 1h); default 15s.")]
    public Duration? Interval { get; init; }
    [Description("Decide and report in the status and Events, but never write replicas; default false.")]
    public bool? DryRun { get; init; }
    [Description("This policy's own Prometheus connection; every field left out falls back to the operator's default.")]
    public PrometheusSpec? Prometheus { get; init; }
    [Description("The load parameters that bound the service, at least one: each a PromQL query for the load and the amount one replica carries within the SLO. The one that needs the most replicas wins.")]
    public IReadOnlyList<LoadParameterSpec>? LoadParameters { get; init; }
    [Description("The tail-latency objective the replicas must keep.")]
    public SloSpec? Slo { get; init; }
    [Description("Scale-up and scale-down rules as in the HorizontalPodAutoscaler (stabilization windows, rate policies), plus each direction's tolerance.")]
    public BehaviorSpec? Behavior { get; init; }
    [Description("Look-ahead: size for the load expected one replica start-up time ahead, from the recent trend.")]
    public ForecastSpec? Forecast { get; init; }
    [Description("What to do when the load or the latency stays unknown (Prometheus down, no series): hold the replicas (default) or go to fallbackReplicas.")]
    public MetricsUnavailableSpec? OnMetricsUnavailable { get; init; }
}
