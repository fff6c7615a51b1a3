namespace SloScaler.Core.Hpa;

/// <summary>
/// One metric's replica proposal, as HPA's replica calculator returns it.
/// </summary>
/// <param name="Replicas">The proposed replicas (the current ones when the change is within tolerance).</param>
/// <param name="UsageRatio">Observed usage over target, before any missing or unready pods were filled in.</param>
/// <param name="AverageMilli">The average usage per pod in thousandths (HPA's <c>status.currentMetrics[].averageValue</c>).</param>
public sealed record ReplicaProposal(int Replicas, double UsageRatio, long AverageMilli);
