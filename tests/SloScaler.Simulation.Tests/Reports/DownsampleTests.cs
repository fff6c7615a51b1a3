using SloScaler.Simulation.Reports;

namespace SloScaler.Simulation.Tests.Reports;

public sealed class DownsampleTests
{
    [Fact]
    public void Max_ShortSeries_KeepsEveryPoint()
    {
        double[] values = [1, 3, 2];

        Assert.Equal([(0, 1.0), (1, 3.0), (2, 2.0)], Downsample.Max(values));
    }

    [Fact]
    public void Max_LongSeries_KeepsTheLargestValueOfEachBucket()
    {
        var values = new double[6000];
        values[4321] = 99;

        var points = Downsample.Max(values);

        Assert.Equal(600, points.Count);
        Assert.Equal((4320, 99.0), points.Single(p => p.Value > 0));
    }

    [Fact]
    public void Max_NaN_IsSkippedAndAnAllNaNBucketGivesNoPoint()
    {
        double[] values = [double.NaN, 2, double.NaN, double.NaN, 5, double.NaN];

        Assert.Equal([(0, 2.0), (4, 5.0)], Downsample.Max(values, maxPoints: 3));
    }

    [Fact]
    public void Max_Empty_GivesNoPoints()
    {
        Assert.Empty(Downsample.Max(Array.Empty<double>()));
    }
}
