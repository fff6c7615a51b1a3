using SloScaler.Simulation.Metrics;

namespace SloScaler.Simulation.Tests.Metrics;

public sealed class ElasticityTests
{
    [Fact]
    public void Measure_TinyCase_MatchesTheHandComputedMetrics()
    {
        // d − s = 0, 1, −1, −3: 1 replica short once, 4 in excess in total.
        // Δd = +1, 0, −1 and Δs = 0, +2, +1: opposite only on the last move.
        var metrics = Elasticity.Measure(demand: [2, 3, 3, 2], supply: [2, 2, 4, 5], stepSeconds: 15, scaleEvents: 2);

        Assert.Equal(1.0 / 4, metrics.AccuracyUnder, 12);
        Assert.Equal(4.0 / 4, metrics.AccuracyOver, 12);
        Assert.Equal(1.0 / 4, metrics.TimeshareUnder, 12);
        Assert.Equal(2.0 / 4, metrics.TimeshareOver, 12);
        Assert.Equal(1.0 / 3, metrics.Instability, 12);
        Assert.Equal(2 / (4 * 15 / 86_400.0), metrics.ScaleEventsPerDay, 9); // 2 events in a minute: 2,880 a day
    }

    [Fact]
    public void Measure_SupplyAlwaysMovingAgainstDemand_IsFullyUnstable()
    {
        var metrics = Elasticity.Measure(demand: [1, 2, 1], supply: [2, 1, 2], stepSeconds: 60, scaleEvents: 2);

        Assert.Equal(1.0, metrics.Instability, 12);
        Assert.Equal(1.0 / 3, metrics.AccuracyUnder, 12);
        Assert.Equal(2.0 / 3, metrics.AccuracyOver, 12);
        Assert.Equal(1.0 / 3, metrics.TimeshareUnder, 12);
        Assert.Equal(2.0 / 3, metrics.TimeshareOver, 12);
    }

    [Fact]
    public void Measure_SupplyEqualToDemand_IsZeroEverywhere()
    {
        var metrics = Elasticity.Measure(demand: [3, 5, 4, 4], supply: [3, 5, 4, 4], stepSeconds: 15, scaleEvents: 0);

        Assert.Equal(new ElasticityMetrics(0, 0, 0, 0, 0, 0), metrics);
    }

    [Fact]
    public void Measure_CurvesOfDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => Elasticity.Measure([1, 2], [1], 15, 0));
    }
}
