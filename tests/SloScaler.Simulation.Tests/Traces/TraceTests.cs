using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Traces;

public sealed class TraceTests
{
    private static readonly Trace Sample = new("sample", TimeSpan.FromSeconds(60), [10, 20, 40, 30]);

    [Theory]
    [InlineData(-5, 10)]
    [InlineData(0, 10)]
    [InlineData(30, 15)]
    [InlineData(60, 20)]
    [InlineData(150, 35)]
    [InlineData(180, 30)]
    [InlineData(239, 30)]
    [InlineData(10_000, 30)]
    public void RateAt_AnyTime_InterpolatesBetweenPointsAndClampsAtTheEnds(double seconds, double expected) =>
        Assert.Equal(expected, Sample.RateAt(TimeSpan.FromSeconds(seconds)), 12);

    [Fact]
    public void Statistics_FourPoints_AreComputedOverPoints()
    {
        Assert.Equal(40, Sample.Peak);
        Assert.Equal(10, Sample.Min);
        Assert.Equal(25, Sample.Median);
        Assert.Equal(25, Sample.Mean);
        Assert.Equal(TimeSpan.FromMinutes(4), Sample.Duration);
    }

    [Fact]
    public void Scaled_ByFactor_MultipliesEveryPoint()
    {
        var scaled = Sample.Scaled(0.5);
        Assert.Equal([5.0, 10, 20, 15], scaled.Rps);
        Assert.Equal(Sample.Step, scaled.Step);
        Assert.Equal(Sample.Name, scaled.Name);
        Assert.Equal(400.0, Sample.ScaledToPeak(400).Peak, 12);
    }

    [Fact]
    public void Constructor_NegativePoint_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trace("bad", TimeSpan.FromSeconds(1), [1, -1]));
}
