using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Prometheus;

/// <summary>
/// <see cref="PrometheusMetricsSource"/> against a real Prometheus scraping a real target: what
/// each kind of answer becomes, as the canned-response tests claim it does.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RealPrometheusTests(PrometheusFixture prometheus) : IDisposable
{
    private readonly PrometheusMetricsSource _source = new(new PrometheusOptions
    {
        DefaultAddress = prometheus.SkipReason is null ? prometheus.Address : "http://127.0.0.1:9",
        DefaultTimeout = TimeSpan.FromSeconds(5),
    });

    private LoadJob JobA => prometheus.Load.Job("real-prometheus-a");

    private LoadJob JobB => prometheus.Load.Job("real-prometheus-b");

    [PrometheusFact]
    public async Task Query_RateOfTraffic_IsItsValue()
    {
        await StartTrafficAsync();

        var reading = await _source.QueryAsync(MetricsConnection.Default, JobA.RpsQuery(), CancellationToken.None);

        Assert.Equal(MetricReadingKind.Value, reading.Kind);
        Assert.InRange(reading.Value, 20 * 0.95, 20 * 1.05);
    }

    [PrometheusFact]
    public async Task Query_P99OfTraffic_IsItsLatency()
    {
        await StartTrafficAsync();

        var reading = await _source.QueryAsync(MetricsConnection.Default, JobB.LatencyQuery(), CancellationToken.None);

        Assert.Equal(MetricReadingKind.Value, reading.Kind);
        Assert.InRange(reading.Value, 0.3 * 0.95, 0.3 * 1.05); // 300 ms, interpolated inside its 5 %-wide bucket
    }

    [PrometheusFact]
    public async Task Query_NoSuchSeries_IsEmpty()
    {
        var reading = await _source.QueryAsync(
            MetricsConnection.Default, "sum(rate(http_requests_total{job=\"real-prometheus-nobody\"}[10s]))", CancellationToken.None);

        Assert.Equal(MetricReading.Empty(), reading);
    }

    [PrometheusFact]
    public async Task Query_QuantileWithoutTraffic_IsNotANumber()
    {
        var idle = prometheus.Load.Job("real-prometheus-idle"); // its series exist, at zero
        // Two scrapes of the idle histogram make its rate 0 everywhere, and the quantile of nothing NaN.
        await prometheus.WaitForQueryAsync(
            $"count_over_time(http_request_duration_seconds_count{{job=\"{idle.Name}\"}}[10s])", v => v >= 2, PrometheusFixture.FirstScrapeBound);

        var reading = await _source.QueryAsync(MetricsConnection.Default, idle.LatencyQuery(), CancellationToken.None);

        Assert.Equal(MetricReadingKind.NotANumber, reading.Kind);
        Assert.False(reading.IsKnown);
    }

    [PrometheusFact]
    public async Task Query_SeveralSeries_IsMultipleSeriesNamingTheirLabels()
    {
        await StartTrafficAsync();

        var reading = await _source.QueryAsync(
            MetricsConnection.Default, "sum by (job) (rate(http_requests_total{job=~\"real-prometheus-a|real-prometheus-b\"}[10s]))", CancellationToken.None);

        Assert.Equal(MetricReadingKind.MultipleSeries, reading.Kind);
        Assert.Contains("2 series", reading.Detail);
        Assert.Contains("job=\"real-prometheus-a\"", reading.Detail);
        Assert.Contains("job=\"real-prometheus-b\"", reading.Detail);
    }

    [PrometheusFact]
    public async Task Query_SyntaxError_IsRejectedWithPrometheusOwnMessage()
    {
        var reading = await _source.QueryAsync(MetricsConnection.Default, "sum(rate(http_requests_total[10s])", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Rejected, reading.Kind);
        Assert.Contains("bad_data", reading.Detail);      // Prometheus' errorType
        Assert.Contains("parse error", reading.Detail);   // and its own message
    }

    [PrometheusFact]
    public async Task Query_PrometheusStopped_IsConnectionRefusedError_AndAnswersAgainOnceRestarted()
    {
        await prometheus.StopAsync();
        MetricReading stopped;
        try
        {
            stopped = await _source.QueryAsync(MetricsConnection.Default, "vector(1)", CancellationToken.None);
        }
        finally
        {
            await prometheus.StartAgainAsync();
        }

        Assert.Equal(MetricReadingKind.Error, stopped.Kind);
        Assert.Contains("Connection refused", stopped.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"127.0.0.1:{prometheus.Port}", stopped.Detail);
        var again = await _source.QueryAsync(MetricsConnection.Default, "vector(1)", CancellationToken.None);
        Assert.Equal(MetricReading.Of(1), again);
    }

    public void Dispose() => _source.Dispose();

    /// <summary>Job a: 20 requests/s at 100 ms; job b: 10 requests/s at 300 ms. Only the first test to ask waits.</summary>
    private async Task StartTrafficAsync()
    {
        JobA.SetLoad(20, 0.1);
        JobB.SetLoad(10, 0.3);
        await Task.WhenAll(prometheus.WaitForLoadAsync(JobA), prometheus.WaitForLoadAsync(JobB));
    }
}
