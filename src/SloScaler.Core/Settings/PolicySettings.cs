using SloScaler.Core.Behavior;
using SloScaler.Core.Observations;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Settings;

/// <summary>A validated policy with every default applied: what the engine and the reconcile step run on.</summary>
public sealed record PolicySettings
{
    public required TargetReference Target { get; init; }
    public ScalingMode Mode { get; init; } = ScalingMode.Elastic;
    public int? ManualReplicas { get; init; }
    public int MinReplicas { get; init; } = 1;
    public required int MaxReplicas { get; init; }
    public TimeSpan Interval { get; init; } = PolicyDefaults.Interval;
    public bool DryRun { get; init; }
    public MetricsConnection Metrics { get; init; } = MetricsConnection.Default;
    public required IReadOnlyList<LoadParameter> LoadParameters { get; init; }
    public required SloSettings Slo { get; init; }
    public ScalingBehavior Behavior { get; init; } = ScalingBehavior.Default;
    public double ScaleUpTolerance { get; init; } = PolicyDefaults.ScaleUpTolerance;
    public double ScaleDownTolerance { get; init; } = PolicyDefaults.ScaleDownTolerance;
    public ForecastSettings Forecast { get; init; } = ForecastSettings.Disabled;
    public MetricsUnavailableSettings OnMetricsUnavailable { get; init; } = MetricsUnavailableSettings.Default;
}
