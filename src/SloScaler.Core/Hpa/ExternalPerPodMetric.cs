namespace SloScaler.Core.Hpa;

/// <summary>
/// An External metric with an <c>AverageValue</c> target: what KEDA's Prometheus scaler gives HPA
/// (<c>GetExternalPerPodMetricReplicas</c>). The usage ratio is total / (target × status
/// replicas); within tolerance the status replicas stay, otherwise ceil(total / target).
/// </summary>
public static class ExternalPerPodMetric
{
    /// <param name="statusReplicas">The target's <c>status.replicas</c> (pods that exist, ready or not).</param>
    /// <param name="totalMilli">The sum of the metric's values, in thousandths.</param>
    /// <param name="targetPerPodMilli">The spec's <c>target.averageValue</c>, in thousandths (positive).</param>
    /// <param name="tolerances">The scale-up and scale-down tolerances.</param>
    public static ReplicaProposal Replicas(int statusReplicas, long totalMilli, long targetPerPodMilli, HpaTolerances tolerances)
    {
        var replicas = statusReplicas;
        var usageRatio = totalMilli / ((double)targetPerPodMilli * statusReplicas);
        if (!tolerances.IsWithin(usageRatio))
        {
            var proposed = Math.Ceiling(totalMilli / (double)targetPerPodMilli);
            replicas = proposed > int.MaxValue ? int.MaxValue : (int)proposed;
        }
        // HPA divides by zero here when no pod exists yet; report the total instead.
        var average = statusReplicas > 0 ? (long)Math.Ceiling(totalMilli / (double)statusReplicas) : totalMilli;
        return new ReplicaProposal(replicas, usageRatio, average);
    }
}
