using SloScaler.Core.Hpa;

namespace SloScaler.Core.Tests.Hpa;

public sealed class ExternalPerPodMetricTests
{
    // Rows from replica_calculator_test.go (values in thousandths, as HPA computes).
    [Theory]
    // TestReplicaCalcScaleUpPerPodCMExternal: ratio 8600 / (2150 × 3) = 1.33, ceil(8600 / 2150) = 4.
    [InlineData(3, 8600, 2150, 0.1, 0.1, 4, 2867)]
    // TestReplicaCalcScaleDownPerPodCMExternal: ceil(8600 / 2867) = ceil(2.9996) = 3.
    [InlineData(5, 8600, 2867, 0.1, 0.1, 3, 1720)]
    // TestReplicaCalcTolerancePerPodCMExternal: ratio 0.989 keeps 3.
    [InlineData(3, 8600, 2900, 0.1, 0.1, 3, 2867)]
    // TestReplicaCalcConfigurableTolerancePerPodCMExternal: ratio 1.024 is outside a 1% scale-up tolerance.
    [InlineData(3, 8600, 2800, 0.1, 0.01, 4, 2867)]
    // The tolerance band is closed: exactly 1.1 keeps, just above scales.
    [InlineData(10, 11000, 1000, 0.1, 0.1, 10, 1100)]
    [InlineData(10, 11001, 1000, 0.1, 0.1, 12, 1101)]
    [InlineData(10, 9000, 1000, 0.1, 0.1, 10, 900)]
    [InlineData(10, 8999, 1000, 0.1, 0.1, 9, 900)]
    public void Replicas_HpaScenario_GivesHpaResult(
        int statusReplicas, long totalMilli, long targetMilli, double down, double up, int expected, long averageMilli)
    {
        var proposal = ExternalPerPodMetric.Replicas(statusReplicas, totalMilli, targetMilli, new HpaTolerances(down, up));

        Assert.Equal(expected, proposal.Replicas);
        Assert.Equal(averageMilli, proposal.AverageMilli);
    }

    [Fact]
    public void Replicas_UsageNearInt64Max_StaysInRange()
    {
        // TestExternalPerPodMetricUsageOverflow: a 1:1 ratio at the top of the range keeps 1 replica.
        var proposal = ExternalPerPodMetric.Replicas(1, long.MaxValue, long.MaxValue, HpaTolerances.Default);

        Assert.Equal(1, proposal.Replicas);
        Assert.Equal(long.MaxValue, proposal.AverageMilli);
    }

    [Fact]
    public void Replicas_HugeRatio_CapsAtInt32Max()
    {
        Assert.Equal(int.MaxValue, ExternalPerPodMetric.Replicas(1, long.MaxValue, 1, HpaTolerances.Default).Replicas);
    }

    [Theory]
    // No pods yet: any load asks for ceil(total / target); no load asks for none.
    [InlineData(2500, 7)]
    [InlineData(0, 0)]
    public void Replicas_NoStatusReplicas_AsksForTotalOverTarget(long totalMilli, int expected)
    {
        Assert.Equal(expected, ExternalPerPodMetric.Replicas(0, totalMilli * 1000, 400_000, HpaTolerances.Default).Replicas);
    }
}
