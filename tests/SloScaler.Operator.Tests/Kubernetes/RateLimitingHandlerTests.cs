using System.Net;
using Microsoft.Extensions.Time.Testing;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.KubernetesClient;

namespace SloScaler.Operator.Tests.Kubernetes;

public sealed class RateLimitingHandlerTests
{
    [Fact]
    public async Task SendAsync_WithinBurst_DoesNotWait()
    {
        var time = new FakeTimeProvider();
        var observer = new Waits();
        using var client = Client(qps: 2, burst: 3, time, observer, out var handler);

        for (var i = 0; i < 3; i++) (await client.GetAsync(new Uri("http://api/"))).Dispose();

        Assert.Equal(TimeSpan.Zero, handler.TotalWait);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero], observer.All);
    }

    [Fact]
    public async Task SendAsync_BeyondBurst_WaitsForTheRefill_AndReportsTheWait()
    {
        var time = new FakeClock(SomeSpec.T0);
        var observer = new Waits();
        using var client = Client(qps: 2, burst: 1, time, observer, out var handler);
        (await client.GetAsync(new Uri("http://api/"))).Dispose();

        var second = client.GetAsync(new Uri("http://api/"));
        var third = client.GetAsync(new Uri("http://api/"));
        // Both wait for a token: their timers are armed (advancing before that would leave a timer behind the clock).
        await time.WhenArmedAsync(due => due.SequenceEqual([SomeSpec.T0.AddMilliseconds(500), SomeSpec.T0.AddSeconds(1)]), "both requests wait for a token");
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        (await second).Dispose();
        Assert.False(third.IsCompleted); // waits its own turn: one more token at 2/s
        time.Advance(TimeSpan.FromMilliseconds(500));
        (await third).Dispose();

        Assert.Equal(TimeSpan.FromMilliseconds(1500), handler.TotalWait); // 0.5 s + 1 s
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)], observer.All.Order());
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaiting_GivesTheTokenBack()
    {
        var time = new FakeClock(SomeSpec.T0);
        using var client = Client(qps: 1, burst: 1, time, null, out var handler);
        (await client.GetAsync(new Uri("http://api/"))).Dispose();
        using var cancel = new CancellationTokenSource();

        var waiting = client.GetAsync(new Uri("http://api/"), cancel.Token);
        await time.WhenArmedAsync(due => due.Count == 1, "the request waits for a token"); // cancelled while waiting, not before
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        time.Advance(TimeSpan.FromSeconds(1));

        var next = client.GetAsync(new Uri("http://api/"));
        (await next.WaitAsync(Eventually.Bound)).Dispose(); // the refilled token is free again
        Assert.Equal(TimeSpan.Zero, handler.TotalWait);
    }

    private static HttpClient Client(double qps, int burst, TimeProvider time, IKubernetesRateLimitObserver? observer, out RateLimitingHandler handler)
    {
        handler = new RateLimitingHandler(qps, burst, time, observer) { InnerHandler = new Ok() };
        return new HttpClient(handler);
    }

    private sealed class Ok : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }

    private sealed class Waits : IKubernetesRateLimitObserver
    {
        private readonly List<TimeSpan> _all = [];

        public IReadOnlyList<TimeSpan> All
        {
            get
            {
                lock (_all) return [.. _all];
            }
        }

        public void OnRequest(TimeSpan waited)
        {
            lock (_all) _all.Add(waited);
        }
    }
}
