using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class ServiceCapacityTests
{
    private static readonly TimeSpan FiftyMs = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Objective = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void CapacityPerReplica_SingleWorker_MatchesClosedForm()
    {
        // M/M/1: p99 = ln(100)/(μ − λ) ≤ objective  ⇔  λ ≤ μ − ln(100)/objective = 20 − 18.42 = 1.579.
        var expected = 20.0 - (Math.Log(100) / 0.25);
        Assert.Equal(expected, ServiceCapacity.CapacityPerReplica(1, FiftyMs, Objective), 8);
    }

    [Theory]
    [InlineData(2, 0.99)]
    [InlineData(4, 0.99)]
    [InlineData(16, 0.99)]
    [InlineData(4, 0.95)]
    public void CapacityPerReplica_AtCapacity_QuantileMeetsObjectiveAndJustAboveMisses(int workers, double quantile)
    {
        var capacity = ServiceCapacity.CapacityPerReplica(workers, FiftyMs, Objective, quantile);
        var mu = 20.0;
        Assert.InRange(capacity, 0.0, workers * mu);
        var atCapacity = ErlangC.ResponseTimeQuantile(workers, capacity, mu, quantile);
        Assert.True(Math.Abs(atCapacity - 0.25) <= 1e-6 * 0.25, $"p at capacity {atCapacity}");
        Assert.True(atCapacity <= 0.25 * (1 + 1e-9));
        Assert.True(ErlangC.ResponseTimeQuantile(workers, capacity * (1 + 1e-5), mu, quantile) > 0.25);
    }

    [Fact]
    public void CapacityPerReplica_ObjectiveBelowBareServiceQuantile_IsZero() =>
        // An idle single-worker replica's p99 is ln(100)·50 ms = 230 ms > 100 ms.
        Assert.Equal(0.0, ServiceCapacity.CapacityPerReplica(1, FiftyMs, TimeSpan.FromMilliseconds(100)));

    [Fact]
    public void CapacityPerReplica_MoreWorkers_CarryMoreLoadPerWorkerToo()
    {
        var one = ServiceCapacity.CapacityPerReplica(1, FiftyMs, Objective);
        var four = ServiceCapacity.CapacityPerReplica(4, FiftyMs, Objective);
        var sixteen = ServiceCapacity.CapacityPerReplica(16, FiftyMs, Objective);
        Assert.True(four / 4 > one && sixteen / 16 > four / 4, $"{one} {four} {sixteen}");
    }
}
