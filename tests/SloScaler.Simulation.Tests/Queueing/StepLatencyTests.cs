using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class StepLatencyTests
{
    [Fact]
    public void Survival_UniformBacklogWait_MatchesNumericAverageOfShiftedSurvival()
    {
        // M/M/1 (λ = 10, μ = 20): S₀(x) = e^(−10x) for x ≥ 0, 1 before. 70% of arrivals wait an
        // extra Uniform[0.5, 2] s: S(t) = 0.3·S₀(t) + 0.7·mean over d of S₀(t − d).
        var latency = StepLatency.WithBacklog(new MmcQueue(1, 10, 20), 0.7, 0.5, 2.0);
        static double S0(double x) => x <= 0 ? 1 : Math.Exp(-10 * x);
        foreach (var t in new[] { 0.1, 0.6, 1.2, 2.0, 2.3, 3.0 })
        {
            const int n = 200_000;
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                sum += S0(t - (0.5 + (1.5 * (i + 0.5) / n)));
            }

            var expected = (0.3 * S0(t)) + (0.7 * sum / n);
            Assert.Equal(expected, latency.Survival(t), 7);
        }
    }

    [Theory]
    [InlineData(0.99)]
    [InlineData(0.5)]
    public void Quantile_WithBacklog_InvertsSurvival(double q)
    {
        var latency = StepLatency.WithBacklog(new MmcQueue(4, 70, 20), 0.4, 0.0, 3.0);
        Assert.Equal(1 - q, latency.Survival(latency.Quantile(q)), 10);
    }

    [Fact]
    public void Quantile_PointBacklogWait_ShiftsSteadyQuantile()
    {
        var queue = new MmcQueue(1, 10, 20);
        var latency = StepLatency.WithBacklog(queue, 1.0, 2.0, 2.0);
        Assert.Equal(2.0 + (Math.Log(100) / 10), latency.Quantile(0.99), 8);
    }

    [Fact]
    public void Default_IsUnbounded()
    {
        Assert.True(default(StepLatency).IsUnbounded);
        Assert.Equal(1.0, StepLatency.Unbounded.Survival(1e9));
    }
}
