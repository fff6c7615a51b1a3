using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// What HPA keeps in memory for one autoscaler between syncs, in HPA's own form (the lists grow
/// and reuse slots exactly as <c>horizontal.go</c> does). Lost when kube-controller-manager restarts.
/// </summary>
public sealed record HpaState(
    IReadOnlyList<TimedReplicas> Recommendations,
    IReadOnlyList<HpaScaleEvent> ScaleUpEvents,
    IReadOnlyList<HpaScaleEvent> ScaleDownEvents,
    DateTimeOffset? LastScaleTime)
{
    /// <summary>A freshly created (or freshly restarted) autoscaler.</summary>
    public static HpaState Empty { get; } = new([], [], [], null);
}
