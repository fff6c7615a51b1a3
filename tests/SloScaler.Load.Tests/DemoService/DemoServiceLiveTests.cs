using SloScaler.Load.Running;
using SloScaler.Load.Schedule;
using SloScaler.Load.Tests.Support;
using SloScaler.Simulation.Queueing;

namespace SloScaler.Load.Tests.DemoService;

[Collection(LiveServers.Name)]
public sealed class DemoServiceLiveTests
{
    [Fact]
    public async Task Metrics_AfterRequests_ExportTheNamesThePoliciesQuery()
    {
        await using var server = await DemoServer.StartAsync("--workers", "2", "--meanMs", "5");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ok\n", await client.GetStringAsync(server.Address));
        }

        var metrics = await client.GetStringAsync(new Uri(server.Address, "/metrics"));

        Assert.Contains("http_requests_total{code=\"200\"} 3", metrics);
        Assert.Contains("http_request_duration_seconds_bucket{le=\"0.4\"}", metrics);
        Assert.Contains("http_request_duration_seconds_count 3", metrics);
        Assert.Contains("demo_workers_busy", metrics);
    }

    [Fact]
    public async Task Serve_MoreRequestsThanWorkers_QueuesThemFirstInFirstOut()
    {
        // One worker, 200 ms each, three requests at once: the second waits for the first and the
        // third for both, so they finish no sooner than 200, 400 and 600 ms. A busy machine only
        // makes them later, so the bounds hold however loaded it is. (How closely the service
        // follows Erlang C under Poisson load is a measurement, not a test: `sloscaler calibrate
        // --mmc-workers --mmc-service-time` against it, in the README.)
        var service = TimeSpan.FromMilliseconds(200);
        await using var server = await DemoServer.StartAsync("--workers", "1", "--distribution", "fixed", "--meanMs", "200");
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 8 };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        Assert.Equal("ok\n", await client.GetStringAsync(server.Address)); // connected and warm

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var finished = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            Assert.Equal("ok\n", await client.GetStringAsync(server.Address));
            return clock.Elapsed;
        }));

        Array.Sort(finished);
        for (var i = 0; i < finished.Length; i++)
            Assert.True(finished[i] >= (service * (i + 1)) - TimeSpan.FromMilliseconds(20), $"request {i + 1} of 3 finished after {finished[i].TotalMilliseconds:0} ms; one worker at 200 ms each cannot finish it before {(i + 1) * 200} ms");
    }
}
