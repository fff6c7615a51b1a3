namespace SloScaler.Core.Hpa;

/// <summary>
/// A Pods metric with an <c>AverageValue</c> target: per-pod samples (HPA's
/// <c>GetMetricReplicas</c> / <c>calcPlainMetricReplicas</c>), with its rules for pods that are
/// missing a sample and pods that are not ready yet.
/// </summary>
/// <remarks>
/// Deleting and Failed pods are ignored; Pending pods are unready (readiness conditions only
/// matter for CPU, which this reference does not model). The first pass averages the ready pods'
/// samples. If that settles it (no missing pods, and not a scale-up with unready pods) the answer
/// is ceil(ratio × ready pods). Otherwise missing pods count as exactly on target when scaling
/// down and as zero when scaling up, unready pods as zero when scaling up, and the result is
/// dropped (current replicas kept) when the filled-in ratio is within tolerance or would reverse
/// the direction.
/// </remarks>
public static class PodsMetric
{
    /// <param name="currentReplicas">The target's <c>spec.replicas</c>.</param>
    /// <param name="targetMilli">The spec's <c>target.averageValue</c>, in thousandths (positive).</param>
    /// <param name="pods">The pods the target's selector matches.</param>
    /// <param name="samplesMilli">Per-pod samples in thousandths, by pod name (may name pods not in <paramref name="pods"/>).</param>
    /// <param name="tolerances">The scale-up and scale-down tolerances.</param>
    public static ReplicaCalculation Replicas(
        int currentReplicas, long targetMilli, IReadOnlyList<HpaPod> pods, IReadOnlyDictionary<string, long> samplesMilli, HpaTolerances tolerances)
    {
        if (pods.Count == 0) return ReplicaCalculation.Failed("no pods returned by selector while calculating replica count");

        var samples = new Dictionary<string, long>(samplesMilli);
        var readyPods = 0;
        var unready = new List<string>();
        var missing = new List<string>();
        foreach (var pod in pods)
        {
            if (pod.Deleting || pod.Phase == HpaPodPhase.Failed) samples.Remove(pod.Name);
            else if (pod.Phase == HpaPodPhase.Pending) { unready.Add(pod.Name); samples.Remove(pod.Name); }
            else if (!samples.ContainsKey(pod.Name)) missing.Add(pod.Name);
            else readyPods++;
        }
        if (samples.Count == 0) return ReplicaCalculation.Failed("did not receive metrics for targeted pods (pods might be unready)");

        var (ratio, average) = UsageRatio(samples, targetMilli);
        var scaleUpWithUnready = unready.Count > 0 && ratio > 1.0;
        if (!scaleUpWithUnready && missing.Count == 0)
            return ReplicaCalculation.Of(tolerances.IsWithin(ratio) ? currentReplicas : (int)Math.Ceiling(ratio * readyPods), ratio, average);

        if (ratio < 1.0) foreach (var name in missing) samples[name] = targetMilli;
        else if (ratio > 1.0) foreach (var name in missing) samples[name] = 0;
        if (scaleUpWithUnready) foreach (var name in unready) samples[name] = 0;

        var (filledRatio, _) = UsageRatio(samples, targetMilli);
        var reverses = (ratio < 1.0 && filledRatio > 1.0) || (ratio > 1.0 && filledRatio < 1.0);
        if (tolerances.IsWithin(filledRatio) || reverses) return ReplicaCalculation.Of(currentReplicas, ratio, average);

        var replicas = (int)Math.Ceiling(filledRatio * samples.Count);
        var countReverses = (filledRatio < 1.0 && replicas > currentReplicas) || (filledRatio > 1.0 && replicas < currentReplicas);
        return ReplicaCalculation.Of(countReverses ? currentReplicas : replicas, ratio, average);
    }

    /// <summary>HPA's <c>GetMetricUsageRatio</c>: the average is an integer division, then divided by the target.</summary>
    private static (double Ratio, long Average) UsageRatio(Dictionary<string, long> samples, long targetMilli)
    {
        var total = 0L;
        foreach (var value in samples.Values) total += value;
        var average = total / samples.Count;
        return ((double)average / targetMilli, average);
    }
}
