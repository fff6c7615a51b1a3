using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class LatencyMixtureTests
{
    // M/M/1 with μ = 20 at λ = 5 and 15: response times Exp(15) and Exp(5).
    private static readonly StepLatency Fast = StepLatency.Steady(new MmcQueue(1, 5, 20));
    private static readonly StepLatency Slow = StepLatency.Steady(new MmcQueue(1, 15, 20));

    [Fact]
    public void Quantile_TwoSteps_IsTheArrivalWeightedMixtureQuantile()
    {
        // Weights 300:100 → solve 0.75·e^(−15t) + 0.25·e^(−5t) = 0.01 independently.
        var expected = ReferenceQueueing.Bisect(t => (0.75 * Math.Exp(-15 * t)) + (0.25 * Math.Exp(-5 * t)), 0.01, 0, 10);
        var actual = LatencyMixture.Quantile([Fast, Slow], [300.0, 100.0], 0.99);
        Assert.NotNull(actual);
        Assert.Equal(expected, actual.Value, 8);
        Assert.InRange(actual.Value, Fast.Quantile(0.99), Slow.Quantile(0.99));
    }

    [Fact]
    public void Quantile_NoWeight_IsUnknown() =>
        Assert.Null(LatencyMixture.Quantile([Fast, Slow], [0.0, 0.0], 0.99));

    [Fact]
    public void Quantile_UnservedShareBelowTail_StaysFinite()
    {
        // 0.5% of requests unserved: the p99 is the bounded part's 1 − 0.005/0.995 quantile.
        var actual = LatencyMixture.Quantile([Fast, StepLatency.Unbounded], [995.0, 5.0], 0.99);
        var expected = -Math.Log((0.01 - 0.005) / 0.995) / 15;
        Assert.NotNull(actual);
        Assert.Equal(expected, actual.Value, 8);
    }

    [Fact]
    public void Quantile_UnservedShareAtOrAboveTail_IsInfinite() =>
        Assert.Equal(double.PositiveInfinity, LatencyMixture.Quantile([Fast, StepLatency.Unbounded], [98.0, 2.0], 0.99));

    [Fact]
    public void Survival_TwoSteps_IsWeightedAverage() =>
        Assert.Equal((0.5 * Math.Exp(-1.5)) + (0.5 * Math.Exp(-0.5)), LatencyMixture.Survival([Fast, Slow], [1.0, 1.0], 0.1)!.Value, 12);
}
