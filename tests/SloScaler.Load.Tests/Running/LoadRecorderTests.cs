using SloScaler.Load.Running;

namespace SloScaler.Load.Tests.Running;

public sealed class LoadRecorderTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Report_GroupsOutcomesByIntendedTimeIntoIntervals()
    {
        var recorder = new LoadRecorder(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.Zero);
        recorder.Sent(Ms(100), late: false);
        recorder.Succeeded(Ms(100), Ms(20));
        recorder.Sent(Ms(1_500), late: true);
        recorder.Succeeded(Ms(1_500), Ms(800));
        recorder.Dropped(Ms(1_600));

        var report = recorder.Report(planned: 3, truncated: false, cancelled: false);

        Assert.Equal(2, report.Intervals.Count);
        Assert.Equal(0.020, report.Intervals[0].Latency.P99, 3);
        Assert.Equal(0.800, report.Intervals[1].Latency.P99, 2);
        Assert.Equal((1, 1, 1), (report.Intervals[1].Sent, report.Intervals[1].Late, report.Intervals[1].Dropped));
        Assert.Equal((2, 1, 1), (report.Overall.Sent, report.Overall.Late, report.Overall.Dropped));
    }

    [Fact]
    public void Report_WarmupOutcomes_StayInTheirIntervalButNotInTheTotal()
    {
        var recorder = new LoadRecorder(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), recordFrom: TimeSpan.FromSeconds(1));
        recorder.Succeeded(Ms(500), Ms(5_000));
        recorder.Succeeded(Ms(1_500), Ms(10));

        var report = recorder.Report(2, false, false);

        Assert.Equal(1, report.Intervals[0].Latency.Count);
        Assert.Equal(1, report.Overall.Latency.Count);
        Assert.Equal(0.010, report.Overall.Latency.Max, 3);
        Assert.Equal(TimeSpan.FromSeconds(2), report.Overall.Length);
    }

    [Fact]
    public void Report_Quantiles_ComeFromTheHdrHistogram()
    {
        var recorder = new LoadRecorder(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.Zero);
        for (var i = 1; i <= 1_000; i++)
        {
            recorder.Succeeded(Ms(i), Ms(i));
        }

        var latency = recorder.Report(1_000, false, false).Overall.Latency;

        // 3 significant digits: within 0.1 % of the exact order statistics.
        Assert.Equal(0.500, latency.P50, 3);
        Assert.Equal(0.900, latency.P90, 3);
        Assert.Equal(0.990, latency.P99, 2);
        Assert.Equal(0.999, latency.P999, 2);
    }
}
