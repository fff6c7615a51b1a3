using Microsoft.Extensions.Time.Testing;
using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Tests.Prometheus.Support;
using SloScaler.Operator.Tests.Support;

namespace SloScaler.Operator.Tests.Prometheus;

/// <summary>Timeouts, the cap on queries in flight, cancellation and the observer.</summary>
public sealed class PrometheusMetricsSourceLimitsTests
{
    /// <summary>A server that never answers: it waits until it is disposed.</summary>
    private static async Task<CannedResponse> NeverAnswers(CancellationToken stopping)
    {
        await Task.Delay(Timeout.Infinite, stopping);
        return new CannedResponse(200, PromJson.Vector("1"));
    }

    [Fact]
    public async Task Query_ServerSlowerThanTimeout_IsTimedOutError()
    {
        await using var server = LoopbackHttpServer.Start((_, stopping) => NeverAnswers(stopping));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });
        var started = TimeProvider.System.GetTimestamp();

        var reading = await source.QueryAsync(new MetricsConnection(Timeout: TimeSpan.FromMilliseconds(200)), "up", CancellationToken.None);

        Assert.Equal(MetricReading.Failed("the Prometheus query timed out after 200ms"), reading);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromMilliseconds(150), Eventually.Bound); // not early; late only as the machine is busy
    }

    [Fact]
    public async Task Query_TimeoutPassesOnTheInjectedClock_IsTimedOutErrorNamingTheTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            clock.Advance(TimeSpan.FromSeconds(6)); // Prometheus "takes" 6 s on the fake clock (the timeout's timer is armed before the request is sent)
            return await NeverAnswers(stopping);
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
        var capReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            // Hold the first wave until `cap` requests are in, so reaching the cap is observed, not hoped for.
            if (Interlocked.Increment(ref arrived[0]) >= cap) capReached.TrySetResult();
            await capReached.Task.WaitAsync(Eventually.Bound, TimeProvider.System, stopping);
            await Task.Delay(20, stopping); // a grace for a query over the cap to show up: can only let a broken cap pass, never fail a good one
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
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackHttpServer.Start((_, stopping) =>
        {
            received.TrySetResult();
            return NeverAnswers(stopping);
        });
        var observer = new RecordingObserver();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address }, observer: observer);
        using var cancel = new CancellationTokenSource();

        var query = source.QueryAsync(MetricsConnection.Default, "up", cancel.Token);
        await received.Task.WaitAsync(Eventually.Bound); // Prometheus has the query: cancel while waiting for its answer
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);

        Assert.Empty(observer.Seen);
        Assert.Equal(0, source.QueriesInFlight);
    }

    [Fact]
    public async Task Query_CallerCancelsWhileWaitingForASlot_ThrowsAndSendsNothing()
    {
        using var release = new SemaphoreSlim(0);
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackHttpServer.Start(async (_, stopping) =>
        {
            received.TrySetResult();
            await release.WaitAsync(stopping);
            return new CannedResponse(200, PromJson.Vector("1"));
        });
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, MaxConcurrentQueries = 1 });
        var holding = source.QueryAsync(MetricsConnection.Default, "first", CancellationToken.None);
        await received.Task.WaitAsync(Eventually.Bound); // "first" holds the only slot
        using var cancel = new CancellationTokenSource();

        var second = source.QueryAsync(MetricsConnection.Default, "second", cancel.Token);
        Assert.Equal(1, source.QueriesInFlight);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
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
