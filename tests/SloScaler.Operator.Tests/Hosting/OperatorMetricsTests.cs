using Prometheus;
using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Telemetry;
using SloScaler.Operator.Tests.Controller.Support;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class OperatorMetricsTests
{
    private static readonly PolicyKey Key = new("shop", "checkout");

    [Fact]
    public async Task OnReconciled_Decision_CountsItAndSetsThePolicysGauges()
    {
        var metrics = new OperatorMetrics();

        metrics.OnReconciled(Key, await Outcome(), TimeSpan.FromMilliseconds(12));

        var text = await Scrape(metrics.Registry);
        Assert.Contains("sloscaler_decisions_total{result=\"scale_up\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_desired_replicas{namespace=\"shop\",policy=\"checkout\"} 8", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_current_replicas{namespace=\"shop\",policy=\"checkout\"} 4", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_reconcile_duration_seconds_count 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnDeleted_Policy_RemovesItsLabelledSeries()
    {
        var metrics = new OperatorMetrics();
        metrics.OnReconciled(Key, await Outcome(), TimeSpan.FromMilliseconds(12));

        metrics.OnDeleted(Key);

        var text = await Scrape(metrics.Registry);
        Assert.DoesNotContain("policy=\"checkout\"", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_decisions_total{result=\"scale_up\"} 1", text, StringComparison.Ordinal); // totals stay
    }

    [Fact]
    public async Task Observers_QueriesRateLimiterErrorsAndLeadership_AreExported()
    {
        var metrics = new OperatorMetrics();

        metrics.OnQuery(TimeSpan.FromMilliseconds(3), MetricReadingKind.Error);
        metrics.OnQuery(TimeSpan.FromMilliseconds(3), MetricReadingKind.Value);
        metrics.OnRequest(TimeSpan.FromMilliseconds(250));
        metrics.OnRequest(TimeSpan.Zero);
        metrics.OnFailed(Key, new InvalidOperationException("boom"), TimeSpan.FromMilliseconds(1));
        metrics.SetLeader(true);

        var text = await Scrape(metrics.Registry);
        Assert.Contains("sloscaler_prometheus_queries_total{outcome=\"error\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_prometheus_queries_total{outcome=\"value\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_prometheus_query_duration_seconds_count 2", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_kubernetes_rate_limiter_wait_seconds_total 0.25", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_reconcile_errors_total 1", text, StringComparison.Ordinal);
        Assert.Contains("sloscaler_leader 1", text, StringComparison.Ordinal);
    }

    private static async Task<ReconcileOutcome> Outcome()
    {
        var metrics = SomeSpec.Metrics();
        metrics.Answers[SomeSpec.LoadQuery] = MetricReading.Of(913);
        var step = new ReconcileStep(metrics, new FakeScaleTarget(), new RecordingStatusSink(), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SomeSpec.T0));
        return await step.RunAsync(Key, 1, SomeSpec.Valid(), null, globalDryRun: false, CancellationToken.None);
    }

    private static async Task<string> Scrape(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
