using Microsoft.Extensions.Time.Testing;
using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Tests.Prometheus.Support;
using SloScaler.Operator.Tests.Support;

namespace SloScaler.Operator.Tests.Prometheus;

/// <summary>Timeouts, the cap on queries in flight, cancellation and the observer.</summary>
public sealed class PrometheusMetricsSourceLimitsTests
{
    private static readonly TimeSpan SlowServer = TimeSpan.FromSeconds(10); // cut short when the server is disposed

    [Fact]
    public async Task Query_ServerSlowerThanTimeout_IsTimedOutError()
    {
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            await Task.Delay(SlowServer, stopping);
            return new CannedResponse(200, PromJson.Vector("1"));
        });
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });
        var started = TimeProvider.System.GetTimestamp();

        var reading = await source.QueryAsync(new MetricsConnection(Timeout: TimeSpan.FromMilliseconds(200)), "up", CancellationToken.None);

        Assert.Equal(MetricReading.Failed("the Prometheus query timed out after 200ms"), reading);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Query_TimeoutPassesOnTheInjectedClock_IsTimedOutErrorNamingTheTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            clock.Advance(TimeSpan.FromSeconds(6)); // Prometheus "takes" 6 s on the fake clock
            await Task.Delay(SlowServer, stopping);
            return new CannedResponse(200, PromJson.Vector("1"));
        });
        var observer = new RecordingObserver();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address }, clock, observer);

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReading.Failed("the Prometheus query timed out after 5s"), reading);
        Assert.Equal((TimeSpan.FromSeconds(6), MetricReadingKind.Error), Assert.Single(observer.Seen));
    }

    [Fact]
    public async Task Query_Observer_SeesElapsedOnTheInjectedClockAndTheKind()
    {
        var clock = new FakeTimeProvider();
        await using var server = LoopbackHttpServer.Start((_, _) =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(1500));
            return Task.FromResult(new CannedResponse(200, PromJson.Vector("NaN")));
        });
        var observer = new RecordingObserver();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address }, clock, observer);

        await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal((TimeSpan.FromMilliseconds(1500), MetricReadingKind.NotANumber), Assert.Single(observer.Seen));
    }

    [Fact]
    public async Task Query_ObserverThrows_ReadingIsUnchanged()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("4"));
        var observer = new RecordingObserver(throws: true);
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address }, observer: observer);

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReading.Of(4), reading);
        Assert.Single(observer.Seen);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 6)]
    public async Task Query_ManyAtOnce_NeverMoreInFlightThanTheCap(int cap, int queries)
    {
        var arrived = new int[1];
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            // Hold the first wave until `cap` requests are in (bounded), so reaching the cap is observed, not hoped for.
            Interlocked.Increment(ref arrived[0]);
            var started = TimeProvider.System.GetTimestamp();
            while (Volatile.Read(ref arrived[0]) < cap && TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2))
                await Task.Delay(5, stopping);
            await Task.Delay(20, stopping); // a query over the cap would arrive meanwhile
            return new CannedResponse(200, PromJson.Vector("1"));
        });
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, MaxConcurrentQueries = cap });

        var readings = await Task.WhenAll(Enumerable.Range(0, queries)
            .Select(i => source.QueryAsync(MetricsConnection.Default, $"up{{i=\"{i}\"}}", CancellationToken.None)));

        Assert.All(readings, r => Assert.Equal(MetricReading.Of(1), r));
        Assert.Equal(queries, server.Requests.Count);
        Assert.Equal(cap, server.MaxConcurrent);
        Assert.Equal(0, source.QueriesInFlight);
    }

    [Fact]
    public async Task Query_CallerCancelsWhileWaitingForPrometheus_Throws()
    {
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            await Task.Delay(SlowServer, stopping);
            return new CannedResponse(200, PromJson.Vector("1"));
        });
        var observer = new RecordingObserver();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address }, observer: observer);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => source.QueryAsync(MetricsConnection.Default, "up", cancel.Token));

        Assert.Empty(observer.Seen);
        Assert.Equal(0, source.QueriesInFlight);
    }

    [Fact]
    public async Task Query_CallerCancelsWhileWaitingForASlot_ThrowsAndSendsNothing()
    {
        using var release = new SemaphoreSlim(0);
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            await release.WaitAsync(stopping);
            return new CannedResponse(200, PromJson.Vector("1"));
        });
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, MaxConcurrentQueries = 1 });
        var holding = source.QueryAsync(MetricsConnection.Default, "first", CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => source.QueryAsync(MetricsConnection.Default, "second", cancel.Token));
        release.Release();

        Assert.Equal(MetricReading.Of(1), await holding);
        Assert.Equal("first", server.SingleRequest.Parameter("query"));
    }

    [Fact]
    public void Construct_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrometheusMetricsSource(new PrometheusOptions { MaxConcurrentQueries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrometheusMetricsSource(new PrometheusOptions { DefaultTimeout = TimeSpan.Zero }));
    }
}
