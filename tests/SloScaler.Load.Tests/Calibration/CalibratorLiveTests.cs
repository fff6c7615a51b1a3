using Xunit.Abstractions;
using SloScaler.Load.Calibration;
using SloScaler.Load.Running;
using SloScaler.Load.Tests.Support;
using SloScaler.Simulation.Queueing;

namespace SloScaler.Load.Tests.Calibration;

[Collection(LiveServers.Name)]
public sealed class CalibratorLiveTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_AgainstTheDemoService_LandsNearErlangCsCapacity()
    {
        // One replica: 4 workers, exponential 20 ms service (μ = 50/s); objective p99 ≤ 160 ms.
        // Erlang C puts the capacity at ~167 requests/s. This short step test (2 s + 5 s steps)
        // run against an ideal M/M/4 (simulated, 200 seeds) lands at 0.92–1.10× of it 90 % of the
        // time, median 1.02× (short steps start from an empty queue and read the p99 a little low
        // near capacity), so ±10 % would fail one run in ten by chance alone; and one 0.5 s hiccup
        // of a busy machine inside a 5 s step fails that step (measured: 0.83×). So this test pins
        // the procedure with the one bound a busy machine cannot break: a machine that is slow only
        // adds latency and so lowers the capacity found, never raises it; above 1.25× means latency
        // was hidden (as coordinated omission would). The ±10 % check is the by-hand benchmark in
        // the README (20 s steps; `calibrate --mmc-*`), since on a loaded machine it measures the machine.
        var objective = TimeSpan.FromMilliseconds(160);
        var truth = ServiceCapacity.CapacityPerReplica(4, TimeSpan.FromMilliseconds(20), objective, Calibrator.Quantile);
        await using var server = await DemoServer.StartAsync("--workers", "4", "--meanMs", "20", "--seed", "8");
        using var sender = new HttpRequestSender(server.Address, TimeSpan.FromSeconds(30), maxConnections: 512);
        var options = new CalibrationOptions
        {
            Objective = objective, StartRate = 50, Factor = 1.25, MaxRate = 400, Refinements = 2,
            Warmup = TimeSpan.FromSeconds(2), Measure = TimeSpan.FromSeconds(5), Seed = 13,
        };

        var result = await new Calibrator(sender, TimeProvider.System).RunAsync(options, step => output.WriteLine($"{step.Rate:0.0}/s p99 {step.Measured.Latency.P99 * 1000:0} ms {(step.Passed ? "ok" : "missed")}, late {step.Measured.Late}, attempts {step.Attempts}"), CancellationToken.None);

        output.WriteLine($"capacity {result.Capacity:0.0}/s, Erlang C {truth:0.0}/s, ratio {result.Capacity / truth:0.000}, target {result.TargetPerReplica:0.0}");
        Assert.InRange(result.Capacity, 1, truth * 1.25);
        Assert.Equal(result.Capacity * 0.8, result.TargetPerReplica, 9);
    }
}
