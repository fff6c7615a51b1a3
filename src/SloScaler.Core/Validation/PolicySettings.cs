using SloScaler.Core.Behavior;
using SloScaler.Core.Observations;

namespace SloScaler.Core.Validation;

public enum ScalingMode { Elastic, Manual }

public enum MetricsUnavailableAction { Hold, Fallback }

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

public sealed record TargetReference(string ApiVersion, string Kind, string Name)
{
    public override string ToString() => $"{Kind}/{Name}";
}

public sealed record LoadParameter(string Name, string Query, double TargetPerReplica);

public sealed record SloSettings(string LatencyQuery, TimeSpan Objective, TimeSpan Window);

public sealed record ForecastSettings(bool Enabled, TimeSpan ReplicaStartupTime, TimeSpan TrendWindow)
{
    public static ForecastSettings Disabled { get; } = new(false, PolicyDefaults.ReplicaStartupTime, PolicyDefaults.TrendWindow);
}

public sealed record MetricsUnavailableSettings(MetricsUnavailableAction Action, int? FallbackReplicas, int AfterFailures)
{
    public static MetricsUnavailableSettings Default { get; } = new(MetricsUnavailableAction.Hold, null, PolicyDefaults.AfterFailures);
}
