using Microsoft.Extensions.Time.Testing;
using SloScaler.Load.Running;
using SloScaler.Load.Schedule;
using SloScaler.Load.Tests.Support;

namespace SloScaler.Load.Tests.Running;

public sealed class OpenLoopRunnerTests
{
    [Fact]
    public async Task Run_DispatcherHeldUp_LatencyRunsFromIntendedTimeAndSendsCountLate()
    {
        // 100 requests intended every 10 ms; each send holds the dispatcher 100 ms (fake time), as
        // a closed-loop client would. Measured from the actual send, every latency is 100 ms;
        // from the intended time, request k waits (k + 1)·100 − k·10 ms: up to ~9.1 s.
        var time = new FakeTimeProvider();
        var sender = new BlockingSender(time, TimeSpan.FromMilliseconds(100));
        var offsets = Enumerable.Range(0, 100).Select(k => TimeSpan.FromMilliseconds(10 * k)).ToArray();
        var plan = new ArrivalPlan(offsets, TimeSpan.FromSeconds(1), Truncated: false);
        var runner = new OpenLoopRunner(sender, time, new RunOptions { Interval = TimeSpan.FromSeconds(1) });

        var report = await runner.RunAsync(plan, CancellationToken.None);

        Assert.Equal(100, sender.Calls);
        Assert.Equal(100, report.Overall.Latency.Count);
        Assert.Equal(99, report.Overall.Late);
        Assert.InRange(report.Overall.Latency.Max, 9.0, 9.2);
        Assert.InRange(report.Overall.Latency.P50, 4.0, 5.2);
    }

    [Fact]
    public async Task Run_FastSenderOnTime_NoRequestIsLateOrDropped()
    {
        var time = new FakeTimeProvider();
        var sender = new BlockingSender(time, TimeSpan.Zero);
        var offsets = Enumerable.Range(0, 10).Select(_ => TimeSpan.Zero).ToArray();
        var runner = new OpenLoopRunner(sender, time, new RunOptions());

        var report = await runner.RunAsync(new ArrivalPlan(offsets, TimeSpan.FromSeconds(1), false), CancellationToken.None);

        Assert.Equal((10, 0, 0, 0), (report.Overall.Sent, report.Overall.Late, report.Overall.Dropped, report.Overall.Errors));
    }

}

[Collection(LiveServers.Name)]
public sealed class OpenLoopRunnerLiveTests
{
    [Fact]
    public async Task Run_ServerStalls_EveryRequestInTheStallShowsIt()
    {
        // The server holds every request of its first 600 ms. Open-loop, the requests keep leaving
        // at ~100/s, so the ~30 intended in the first 300 ms each wait more than 300 ms; a
        // closed-loop client on one connection would have sent (and timed) just one of them.
        await using var server = await StallServer.StartAsync(TimeSpan.FromMilliseconds(600));
        using var sender = new HttpRequestSender(server.Address, TimeSpan.FromSeconds(10), maxConnections: 256);
        var plan = ArrivalSchedule.Constant(100, TimeSpan.FromSeconds(1.5), seed: 11, maxRequests: 1_000);
        var runner = new OpenLoopRunner(sender, TimeProvider.System, new RunOptions { Interval = TimeSpan.FromSeconds(0.5) });

        var report = await runner.RunAsync(plan, CancellationToken.None);

        Assert.Equal(0, report.Overall.Errors);
        Assert.Equal(plan.Count, (int)report.Overall.Latency.Count);
        Assert.True(report.Intervals[0].Latency.P50 >= 0.2, $"first 0.5 s p50 {report.Intervals[0].Latency.P50:0.000} s hides the stall");
        Assert.True(report.Overall.Latency.Max >= 0.45, $"max {report.Overall.Latency.Max:0.000} s hides the stall");
        var intendedEarly = plan.Offsets.Count(t => t < TimeSpan.FromMilliseconds(250));
        Assert.True(intendedEarly >= 10, $"the seeded plan has {intendedEarly} requests in the first 250 ms");
        Assert.True(report.Overall.Latency.P90 >= 0.1, $"p90 {report.Overall.Latency.P90:0.000} s: the stalled requests are missing from the tail");
    }
}
