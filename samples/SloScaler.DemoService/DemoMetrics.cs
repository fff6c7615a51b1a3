using Prometheus;

namespace SloScaler.DemoService;

/// <summary>
/// The replica's metrics, in its own registry (no process-wide state): the names the README's
/// sample policy queries, <c>http_requests_total</c> and <c>http_request_duration_seconds</c>
/// (buckets fine from 5 ms to 10 s, dense around typical objectives), plus the queue and workers.
/// </summary>
public sealed class DemoMetrics
{
    public static readonly double[] Buckets =
    [
        0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
        0.6, 0.75, 0.9, 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10,
    ];

    public DemoMetrics(WorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("http_requests_total", "Requests served, by status code.", new CounterConfiguration { LabelNames = ["code"] });
        Duration = factory.CreateHistogram("http_request_duration_seconds", "Time from a request's arrival to its response (queueing plus service).", new HistogramConfiguration { Buckets = Buckets });
        var queued = factory.CreateGauge("demo_queue_length", "Requests waiting for a worker.");
        var busy = factory.CreateGauge("demo_workers_busy", "Workers serving a request.");
        Registry.AddBeforeCollectCallback(() =>
        {
            queued.Set(pool.Queued);
            busy.Set(pool.Busy);
        });
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Histogram Duration { get; }
}
