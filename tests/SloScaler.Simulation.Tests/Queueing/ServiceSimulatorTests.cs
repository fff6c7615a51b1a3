using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class ServiceSimulatorTests
{
    private static readonly TimeSpan Dt = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan FiftyMs = TimeSpan.FromMilliseconds(50);

    // Two replicas × 4 workers × μ = 20/s: capacity C = 160 requests/s.
    private static StepResult Step(ServiceState state, double lambda, int replicas = 2) =>
        ServiceSimulator.Step(state, Dt, lambda, replicas, 4, FiftyMs);

    [Fact]
    public void Step_ArrivalsAboveCapacity_BacklogGrowsByExcessTimesStep()
    {
        var state = ServiceState.Empty;
        for (var k = 1; k <= 5; k++)
        {
            state = Step(state, 200).State;
            Assert.Equal((200 - 160) * 15.0 * k, state.Backlog, 9);
        }
    }

    [Fact]
    public void Step_LoadBelowCapacityAfterOverload_BacklogDrainsAtSpareCapacity()
    {
        // Spare capacity 160 − 100 = 60/s drains 900 requests per 15 s step.
        var state = new ServiceState(3000);
        var expected = new[] { 2100.0, 1200.0, 300.0, 0.0, 0.0 };
        foreach (var backlog in expected)
        {
            var result = Step(state, 100);
            Assert.Equal(backlog, result.State.Backlog, 9);
            Assert.Equal(result.Arrivals + state.Backlog - backlog, result.Served, 9);
            state = result.State;
        }
    }

    [Fact]
    public void Step_OverloadThenRelief_P99RisesWhileOverloadedAndFallsWhileDraining()
    {
        var state = ServiceState.Empty;
        var previous = Step(state, 100).Latency.Quantile(0.99);
        for (var k = 0; k < 8; k++)
        {
            var result = Step(state, 200);
            var p99 = result.Latency.Quantile(0.99);
            Assert.True(p99 > previous, $"overload step {k}: p99 {p99} ≤ {previous}");
            (state, previous) = (result.State, p99);
        }

        while (state.Backlog > 0)
        {
            var result = Step(state, 100);
            var p99 = result.Latency.Quantile(0.99);
            Assert.True(p99 < previous, $"draining: p99 {p99} ≥ {previous}");
            (state, previous) = (result.State, p99);
        }

        Assert.Equal(Step(ServiceState.Empty, 100).Latency.Quantile(0.99), Step(state, 100).Latency.Quantile(0.99), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(500.0)]
    public void Step_MoreArrivals_NeverLowerP99(double backlog)
    {
        var previous = 0.0;
        for (var lambda = 0.0; lambda <= 320; lambda += 2)
        {
            var p99 = Step(new ServiceState(backlog), lambda).Latency.Quantile(0.99);
            Assert.True(p99 >= previous * (1 - 1e-9), $"λ={lambda}: p99 {p99} < {previous}");
            previous = p99;
        }
    }

    [Fact]
    public void Step_NoBacklog_IsTheSteadyStateOfEachReplica()
    {
        // Three single-worker replicas at 30/s: each is M/M/1 at λ = 10, μ = 20, p99 = ln(100)/10.
        var result = ServiceSimulator.Step(ServiceState.Empty, Dt, 30, 3, 1, FiftyMs);
        Assert.Equal(Math.Log(100) / 10, result.Latency.Quantile(0.99), 8);
        Assert.Equal(0.0, result.State.Backlog);
        Assert.Equal(0.5, result.Utilisation, 12);
    }

    [Fact]
    public void Step_NoServingReplicas_BacklogGrowsAndLatencyIsUnbounded()
    {
        var result = Step(new ServiceState(10), 40, replicas: 0);
        Assert.Equal(10 + (40 * 15.0), result.State.Backlog, 9);
        Assert.True(result.Latency.IsUnbounded);
        Assert.Equal(double.PositiveInfinity, result.Latency.Quantile(0.99));
        Assert.Equal(double.PositiveInfinity, result.Latency.Mean);
        Assert.Equal(0.0, result.Served);
        Assert.Equal(double.PositiveInfinity, result.Utilisation);
    }

    [Fact]
    public void Step_BacklogEmptiesMidStep_ArrivalsWaitTheFluidAverage()
    {
        // B₀ = 600, C = 160, λ = 100: empties at s* = 600/60 = 10 s of 15. Arrivals wait
        // B(s)/C = (600 − 60s)/160 until then: (1/15)∫₀¹⁰ (600 − 60s)/160 ds = 1.25 s on average.
        var result = Step(new ServiceState(600), 100);
        Assert.Equal(0.0, result.State.Backlog);
        Assert.Equal(10.0 / 15.0, result.Latency.DelayedFraction, 12);
        Assert.Equal(1.25, result.Latency.MeanBacklogWait, 12);
        Assert.Equal(result.Latency.Queue.MeanResponseTime + 1.25, result.Latency.Mean, 12);
    }

    [Fact]
    public void Step_GrowingBacklog_WaitsSpanStartToEndBacklog()
    {
        // From B₀ = 160 growing by 40/s·15 s = 600: waits run from 1 s to 760/160 = 4.75 s.
        var latency = Step(new ServiceState(160), 200).Latency;
        Assert.Equal(1.0, latency.DelayedFraction);
        Assert.Equal(1.0, latency.BacklogWaitLow, 12);
        Assert.Equal(4.75, latency.BacklogWaitHigh, 12);
    }
}
