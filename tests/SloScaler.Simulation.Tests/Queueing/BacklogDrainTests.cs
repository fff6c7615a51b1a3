using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class BacklogDrainTests
{
    // Capacity 10 req/s for two 1-second steps, then 40 req/s: replicas were added.
    private static readonly BacklogDrain Drain = new([10, 10, 40, 40], stepSeconds: 1);

    [Theory]
    [InlineData(0, 15, 1.5)] // 10 in the first second, the last 5 at 10/s
    [InlineData(1, 30, 1.5)] // 10 in the second step, the other 20 at 40/s: not 30/10 = 3 s
    [InlineData(3, 100, 2.5)] // 40 in the last step, the other 60 at the last capacity, 40/s
    [InlineData(2, 0, 0)]
    public void Wait_Backlog_IsTheTimeTheFollowingCapacitiesTakeToServeIt(int step, double backlog, double seconds)
    {
        Assert.Equal(seconds, Drain.Wait(step, backlog), 12);
    }

    [Fact]
    public void Wait_NothingEverServes_IsUnbounded()
    {
        Assert.Equal(double.PositiveInfinity, new BacklogDrain([0, 0], 15).Wait(0, 1));
    }

    [Fact]
    public void Redrained_BacklogThroughTheStep_WaitsAsLongAsTheLaterCapacityTakes()
    {
        var queue = new MmcQueue(4, 5, 20);
        var atArrival = StepLatency.WithBacklog(queue, 1.0, 20.0 / 10, 30.0 / 10); // 20 → 30 queued at 10 req/s

        var redrained = Drain.Redrained(atArrival, step: 1, backlogStart: 20, backlogEnd: 30);

        // From step 1's start, 20 take 10 at 10/s then 10 at 40/s: 1.25 s; from step 2's start, 30 at 40/s: 0.75 s.
        Assert.Equal(0.75, redrained.BacklogWaitLow, 12);
        Assert.Equal(1.25, redrained.BacklogWaitHigh, 12);
        Assert.True(redrained.Quantile(0.99) < atArrival.Quantile(0.99));
    }

    [Fact]
    public void Redrained_BacklogEmptyingWithinTheStep_IsUnchanged()
    {
        var latency = StepLatency.WithBacklog(new MmcQueue(4, 5, 20), 0.4, 0, 0.5);

        Assert.Equal(latency, Drain.Redrained(latency, step: 0, backlogStart: 5, backlogEnd: 0));
    }
}
