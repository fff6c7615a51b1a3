using System.Collections.Concurrent;
using System.Net;
using Prometheus;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// A real scrape target in the test process: prometheus-net's <see cref="MetricServer"/> on
/// 127.0.0.1 with its own registry (never the static default one) exposing
/// <c>http_requests_total</c> and <c>http_request_duration_seconds</c>, both labelled by <c>job</c>.
/// Each test drives its own job (see <see cref="Job"/>), so tests never see each other's traffic.
/// </summary>
public sealed class LoadTarget : IDisposable
{
    /// <summary>
    /// 5 ms to ~10 s, each bucket 5 % wider than the one before. <c>histogram_quantile</c> interpolates
    /// inside a bucket, so with every request in the bucket of the set latency the p99 reads back
    /// within 5 % of it, whatever the rate.
    /// </summary>
    public static readonly double[] Buckets = Histogram.ExponentialBuckets(0.005, 1.05, 157);
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly MetricServer _server;
    private readonly ConcurrentDictionary<string, Lazy<LoadJob>> _jobs = new(StringComparer.Ordinal);

    public LoadTarget()
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _requests = factory.CreateCounter("http_requests_total", "Requests served, driven by the test.", new CounterConfiguration { LabelNames = ["job"] });
        _duration = factory.CreateHistogram("http_request_duration_seconds", "Request latency, driven by the test.",
            new HistogramConfiguration { LabelNames = ["job"], Buckets = Buckets });
        _registry.AddBeforeCollectCallback(() =>
        {
            foreach (var job in _jobs.Values.Where(j => j.IsValueCreated))
                job.Value.Advance();
        });
        (_server, Port) = StartServer(_registry);
    }

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, as a Prometheus static target.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The traffic of one job label, created (at zero) on first use.</summary>
    public LoadJob Job(string name) =>
        _jobs.GetOrAdd(name, n => new Lazy<LoadJob>(() => new LoadJob(n, _requests.WithLabels(n), _duration.WithLabels(n)))).Value;

    public void Dispose() => _server.Dispose();

    private static (MetricServer Server, int Port) StartServer(CollectorRegistry registry)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var server = new MetricServer("127.0.0.1", port, "metrics/", registry);
            try
            {
                server.Start();
                return (server, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                server.Dispose(); // taken between probing and binding: another port
            }
        }
    }
}
