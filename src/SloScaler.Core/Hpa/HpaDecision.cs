using SloScaler.Core.Behavior;

namespace SloScaler.Core.Hpa;

/// <summary>
/// The outcome of one HPA sync.
/// </summary>
/// <param name="DesiredReplicas">The replicas HPA leaves the target at (its <c>status.desiredReplicas</c>).</param>
/// <param name="Scaled">Whether HPA wrote the scale subresource this sync.</param>
/// <param name="Reason">
/// The rule that decided: a <see cref="StageReasons"/> value, <see cref="HpaReasons.FailedGetExternalMetric"/>,
/// or <see cref="StageReasons.ScalingDisabled"/> when the target was scaled to zero.
/// </param>
/// <param name="Message">One line for a human.</param>
/// <param name="State">The state to pass to the next sync.</param>
public sealed record HpaDecision(int DesiredReplicas, bool Scaled, string Reason, string Message, HpaState State)
{
    /// <summary>The metric's raw proposal, when the metric was read.</summary>
    public ReplicaProposal? Proposal { get; init; }

    /// <summary>What stabilization made of the proposal, when it ran.</summary>
    public StageOutcome? Stabilized { get; init; }

    /// <summary>What the rate limits and clamp made of the stabilized count, when they ran.</summary>
    public StageOutcome? Limited { get; init; }
}
