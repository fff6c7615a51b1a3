using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// The parts of a HorizontalPodAutoscaler the reference needs, for one External metric with an
/// <c>AverageValue</c> target (what a KEDA ScaledObject with one Prometheus trigger creates).
/// </summary>
/// <param name="MinReplicas">HPA's <c>minReplicas</c> (1 unless scale-to-zero is enabled).</param>
/// <param name="MaxReplicas">HPA's <c>maxReplicas</c>.</param>
/// <param name="TargetAverageValue">The metric value one replica should carry (KEDA's <c>threshold</c>).</param>
/// <param name="Behavior">
/// HPA's <c>spec.behavior</c> with defaults filled in, or null for an HPA without the field, which
/// runs HPA's older rules: the downscale window of <see cref="HpaDefaults.DownscaleStabilizationWindow"/>,
/// no scale-up window, and at most max(2 × current, 4) replicas per sync.
/// </param>
/// <param name="Tolerance">The cluster's tolerance, the same both ways.</param>
public sealed record HpaSpec(
    int MinReplicas, int MaxReplicas, double TargetAverageValue, ScalingBehavior? Behavior, double Tolerance = HpaDefaults.Tolerance);
