using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SloScaler.Operator.Health;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Tests.Hosting.Support;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class ProbeServerTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Get_ReadyzAndHealthz_AnswerFromTheirChecks()
    {
        var ready = false;
        var port = LoopbackPort.Free();
        await using var server = new ProbeServer("127.0.0.1", port, () => (true, "ok"), () => ready ? (true, "ok") : (false, "the policy watch has not synced yet"), NullLogger.Instance);
        server.Start();
        var address = $"http://127.0.0.1:{port}";

        var notReady = await Http.GetAsync(new Uri($"{address}/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal("the policy watch has not synced yet\n", await notReady.Content.ReadAsStringAsync());

        ready = true;
        var nowReady = await Http.GetAsync(new Uri($"{address}/readyz"));
        Assert.Equal(HttpStatusCode.OK, nowReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri($"{address}/healthz"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri($"{address}/other"))).StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_Started_StopsListening()
    {
        var port = LoopbackPort.Free();
        var server = new ProbeServer("127.0.0.1", port, () => (true, "ok"), () => (true, "ok"), NullLogger.Instance);
        server.Start();
        Assert.True(LoopbackPort.Accepts(port));

        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(LoopbackPort.Accepts(port));
    }

    [Theory]
    [InlineData("0.0.0.0", 8081, "http://+:8081/")]
    [InlineData("::", 8081, "http://+:8081/")]
    [InlineData("127.0.0.1", 9, "http://127.0.0.1:9/")]
    [InlineData("::1", 80, "http://[::1]:80/")]
    public void ListenerPrefix_BindAddress_MatchesEveryHostHeaderForAny(string bind, int port, string expected) =>
        Assert.Equal(expected, ListenerPrefix.For(bind, port));
}
