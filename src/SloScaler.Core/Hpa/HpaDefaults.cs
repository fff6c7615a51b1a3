namespace SloScaler.Core.Hpa;

/// <summary>The stock kube-controller-manager settings the HPA reference runs with.</summary>
public static class HpaDefaults
{
    /// <summary><c>--horizontal-pod-autoscaler-sync-period</c>: one <see cref="HpaController.Step"/> per period.</summary>
    public static TimeSpan SyncPeriod { get; } = TimeSpan.FromSeconds(15);

    /// <summary><c>--horizontal-pod-autoscaler-tolerance</c>: usage ratios within 1 ± 0.1 keep the current replicas.</summary>
    public const double Tolerance = 0.1;

    /// <summary>
    /// <c>--horizontal-pod-autoscaler-downscale-stabilization</c>: the scale-down window of an HPA
    /// without a <c>behavior</c> field.
    /// </summary>
    public static TimeSpan DownscaleStabilizationWindow { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Without a <c>behavior</c> field one sync may grow to at most max(2 × current, 4) replicas.</summary>
    internal const double LegacyScaleUpFactor = 2.0;

    internal const double LegacyScaleUpMinimum = 4.0;
}
