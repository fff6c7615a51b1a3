using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using SloScaler.Operator.Health;
using SloScaler.Operator.Tests.Hosting.Support;

namespace SloScaler.Operator.Tests.Health;

public sealed class ProbeHostTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Get_ReadyzAndHealthz_AnswerFromTheirChecks()
    {
        var ready = false;
        var (probePort, metricsPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        await using var host = ProbeHost.Build(
            new ProbeHostOptions("127.0.0.1", probePort, "127.0.0.1", metricsPort),
            () => ready ? (true, "ok") : (false, "the policy watch has not synced yet"), Metrics.NewCustomRegistry(), NullLoggerFactory.Instance);
        await host.StartAsync();
        var address = $"http://127.0.0.1:{probePort}";

        var notReady = await Http.GetAsync(new Uri($"{address}/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("the policy watch has not synced yet\n", await notReady.Content.ReadAsStringAsync());

        ready = true;
        var nowReady = await Http.GetAsync(new Uri($"{address}/readyz"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), (nowReady.StatusCode, await nowReady.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri($"{address}/healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri($"{address}/livez"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri($"{address}/other"))).StatusCode);
        await host.StopAsync();
    }

    [Fact]
    public async Task Get_Metrics_ServesTheRegistryOnTheMetricsPortOnly()
    {
        var (probePort, metricsPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var registry = Metrics.NewCustomRegistry();
        Metrics.WithCustomRegistry(registry).CreateCounter("sloscaler_probe_host_test_total", "A counter only this test has.").Inc(3);
        await using var host = ProbeHost.Build(new ProbeHostOptions("127.0.0.1", probePort, "127.0.0.1", metricsPort), () => (true, "ok"), registry, NullLoggerFactory.Instance);
        await host.StartAsync();

        var text = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));

        Assert.Contains("sloscaler_probe_host_test_total 3", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri($"http://127.0.0.1:{probePort}/metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/healthz"))).StatusCode);
        await host.StopAsync();
    }

    [Fact]
    public async Task Build_MetricsPortZero_ServesOnlyTheProbes()
    {
        var probePort = LoopbackPort.Free();
        await using var host = ProbeHost.Build(new ProbeHostOptions("127.0.0.1", probePort, "127.0.0.1", 0), () => (true, "ok"), Metrics.NewCustomRegistry(), NullLoggerFactory.Instance);
        await host.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri($"http://127.0.0.1:{probePort}/healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri($"http://127.0.0.1:{probePort}/metrics"))).StatusCode);
        await host.StopAsync();
    }

    [Fact]
    public async Task StopAsync_Started_StopsListening()
    {
        var probePort = LoopbackPort.Free();
        var host = ProbeHost.Build(new ProbeHostOptions("127.0.0.1", probePort, "127.0.0.1", 0), () => (true, "ok"), Metrics.NewCustomRegistry(), NullLoggerFactory.Instance);
        await host.StartAsync();
        Assert.True(LoopbackPort.Accepts(probePort));

        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await host.DisposeAsync();

        Assert.False(LoopbackPort.Accepts(probePort));
    }

    [Theory]
    [InlineData("0.0.0.0", 8081, "/healthz", "http://0.0.0.0:8081/healthz")]
    [InlineData("127.0.0.1", 9, "/", "http://127.0.0.1:9/")]
    [InlineData("::1", 80, "/metrics", "http://[::1]:80/metrics")]
    [InlineData("localhost", 8080, "/metrics", "http://localhost:8080/metrics")]
    public void Url_BindAddress_BracketsIPv6(string bind, int port, string path, string expected) =>
        Assert.Equal(expected, BindAddress.Url(bind, port, path));
}
