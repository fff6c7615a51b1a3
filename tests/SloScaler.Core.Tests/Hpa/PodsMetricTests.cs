using SloScaler.Core.Hpa;

namespace SloScaler.Core.Tests.Hpa;

public sealed class PodsMetricTests
{
    // Rows from replica_calculator_test.go's Pods-metric (podMetric) cases. Pods are
    // "phase:sample" (R running, P pending, F failed, D deleting; "-" = no sample), samples in thousandths.
    [Theory]
    // TestReplicaCalcScaleUpCM: average 20000 / 15000 = 1.33 × 3 ready → 4.
    [InlineData(3, 15000, "R:20000 R:10000 R:30000", 4, 20000)]
    // TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale: readiness is a CPU-only rule, so all three count: 2.0 × 3.
    [InlineData(3, 15000, "R:50000 R:10000 R:30000", 6, 30000)]
    // TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown: integer average 31666 → ceil(2.111 × 3) = 7.
    [InlineData(3, 15000, "R:50000 R:15000 R:30000", 7, 31666)]
    // TestReplicaCalcScaleUpCMExternal (a Pods metric despite its name): ceil(8600 / 4400 × 1) = 2.
    [InlineData(1, 4400, "R:8600", 2, 8600)]
    // TestReplicaCalcScaleDownCM: 12000 / 20000 = 0.6 × 5 → 3.
    [InlineData(5, 20000, "R:12000 R:12000 R:12000 R:12000 R:12000", 3, 12000)]
    // TestReplicaCalcToleranceCM: 20666 / 20000 = 1.033 is within tolerance.
    [InlineData(3, 20000, "R:20000 R:21000 R:21000", 3, 20666)]
    // TestPlainMetricReplicaCalcMissingMetricsNoChangeEq: two pods without samples, ratio exactly 1.
    [InlineData(5, 20000, "R:20000 R:19000 R:21000 R:- R:-", 5, 20000)]
    // TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM: the surge pod counts as on target (37000 / 3 / 17000 = 0.725),
    // ceil(0.725 × 3) = 3 would scale up on a scale-down signal, so the current 2 stay.
    [InlineData(2, 17000, "R:10000 R:10000 R:-", 2, 10000)]
    public void Replicas_HpaScenario_GivesHpaResult(int current, long target, string pods, int expected, long average)
    {
        var (podList, samples) = Parse(pods);

        var result = PodsMetric.Replicas(current, target, podList, samples, HpaTolerances.Default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(expected, result.Proposal!.Replicas);
        Assert.Equal(average, result.Proposal.AverageMilli);
    }

    // The missing- and unready-pod rules, on Pods-metric versions of the CPU cases in replica_calculator_test.go.
    [Theory]
    // Scale-up, one pod missing: it counts as 0, (2000 + 1000 + 0) / 3 / 500 = 2.0 → 6 (not ceil(3 × 3) = 9).
    [InlineData(3, 500, "R:2000 R:1000 R:-", 6)]
    // Scale-down, one pod missing: it counts as on target, (100 + 100 + 100 + 500) / 4 / 500 = 0.4 → 2 (not ceil(0.2 × 3) = 1).
    [InlineData(4, 500, "R:100 R:100 R:100 R:-", 2)]
    // Scale-down with a missing pod that tips the filled-in ratio into tolerance: keep 3 (TestReplicaCalcMissingMetricsNoChangeLt shape).
    [InlineData(3, 1000, "R:850 R:850 R:-", 3)]
    // Scale-up with a missing pod that would reverse the direction: keep 2 (TestReplicaCalcMissingMetricsNoChangeGt shape).
    [InlineData(2, 1000, "R:1900 R:-", 2)]
    // Scale-up with an unready (pending) pod: it counts as 0, (2000 + 0) / 2 / 500 = 2.0 → ceil(2.0 × 2) = 4.
    [InlineData(2, 500, "R:2000 P:-", 4)]
    // Scale-up with unready and missing pods (TestReplicaCalcMissingMetricsUnreadyScaleUp shape): (2000 + 0 + 0) / 3 / 500 = 1.33 → 4.
    [InlineData(3, 500, "P:100 R:2000 R:-", 4)]
    // Scale-down ignores unready pods (TestReplicaCalcScaleDownExcludeUnscheduledPods shape): 0.2 × 1 ready → 1.
    [InlineData(5, 500, "R:100 P:- P:- P:- P:-", 1)]
    // With the pending pod at 0 the ratio drops from 2.1 to 1.05, within tolerance: keep 2 (ready pods alone would ask for 3).
    [InlineData(2, 1000, "R:2100 P:-", 2)]
    // Failed and deleting pods are ignored altogether (TestReplicaCalcScaleUpIgnoresFailedPods / DeletionPods shapes).
    [InlineData(2, 300, "R:500 R:700 F:- D:900", 4)]
    public void Replicas_MissingOrUnreadyPods_FollowsHpaRules(int current, long target, string pods, int expected)
    {
        var (podList, samples) = Parse(pods);

        var result = PodsMetric.Replicas(current, target, podList, samples, HpaTolerances.Default);

        Assert.Equal(expected, result.Proposal!.Replicas);
    }

    [Fact]
    public void Replicas_SampleForUnlistedPod_CountsInAverage()
    {
        // Like HPA, a sample for a pod the selector no longer lists still enters the average (TestReplicaCalcSuperfluousMetrics shape).
        var samples = new Dictionary<string, long> { ["pod-0"] = 1000, ["gone"] = 3000 };

        var result = PodsMetric.Replicas(1, 1000, [new HpaPod("pod-0")], samples, HpaTolerances.Default);

        Assert.Equal(2, result.Proposal!.Replicas);
    }

    [Theory]
    [InlineData("", "no pods returned by selector while calculating replica count")]
    [InlineData("P:500 F:500 D:500", "did not receive metrics for targeted pods (pods might be unready)")]
    public void Replicas_NothingToAverage_FailsWithHpaError(string pods, string error)
    {
        var (podList, samples) = Parse(pods);

        var result = PodsMetric.Replicas(3, 1000, podList, samples, HpaTolerances.Default);

        Assert.False(result.Succeeded);
        Assert.Equal(error, result.Error);
    }

    private static (HpaPod[] Pods, Dictionary<string, long> Samples) Parse(string text)
    {
        var pods = new List<HpaPod>();
        var samples = new Dictionary<string, long>();
        foreach (var (item, i) in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((item, i) => (item, i)))
        {
            var name = $"pod-{i}";
            var (kind, sample) = (item[0], item[2..]);
            pods.Add(kind switch
            {
                'P' => new HpaPod(name, HpaPodPhase.Pending),
                'F' => new HpaPod(name, HpaPodPhase.Failed),
                'D' => new HpaPod(name, Deleting: true),
                _ => new HpaPod(name),
            });
            if (sample != "-") samples[name] = long.Parse(sample, System.Globalization.CultureInfo.InvariantCulture);
        }
        return (pods.ToArray(), samples);
    }
}
