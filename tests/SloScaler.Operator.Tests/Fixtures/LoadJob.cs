using System.Diagnostics;
using Prometheus;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// The traffic of one <c>job</c> label on the <see cref="LoadTarget"/>: requests arrive at the set
/// rate with the set latency. The counter and histogram are brought up to date right before every
/// scrape (and when the load changes), from the time elapsed at each rate — no background loop, so
/// a busy test process cannot bend the rate: <c>sum(rate(http_requests_total{job="…"}[10s]))</c>
/// reads back the rate and the p99 of <c>http_request_duration_seconds</c> the latency.
/// </summary>
public sealed class LoadJob
{
    private readonly Counter.Child _requests;
    private readonly Histogram.Child _duration;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _last;
    private double _due;
    private double _rps;
    private double _latency;

    internal LoadJob(string name, Counter.Child requests, Histogram.Child duration)
    {
        Name = name;
        _requests = requests;
        _duration = duration;
        // The series exist from the start (at zero), so a quantile over no traffic is NaN, not empty.
        _requests.Inc(0);
    }

    /// <summary>The value of the <c>job</c> label.</summary>
    public string Name { get; }

    public double RequestsPerSecond
    {
        get
        {
            lock (_gate)
                return _rps;
        }
    }

    public double LatencySeconds
    {
        get
        {
            lock (_gate)
                return _latency;
        }
    }

    /// <summary><c>sum(rate(http_requests_total{job="…"}[window]))</c>.</summary>
    public string RpsQuery(string window = "10s") => $"sum(rate(http_requests_total{{job=\"{Name}\"}}[{window}]))";

    /// <summary>The p99 of <c>http_request_duration_seconds</c> over <paramref name="window"/>.</summary>
    public string LatencyQuery(string window = "10s") =>
        $"histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{job=\"{Name}\"}}[{window}])))";

    /// <summary>From now on, <paramref name="requestsPerSecond"/> requests each second, each taking <paramref name="latencySeconds"/>.</summary>
    public void SetLoad(double requestsPerSecond, double latencySeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(latencySeconds);
        lock (_gate)
        {
            AdvanceLocked(); // the time so far counts at the old rate
            _rps = requestsPerSecond;
            _latency = latencySeconds;
        }
    }

    /// <summary>Counts the requests that arrived since the last call (called before every scrape).</summary>
    internal void Advance()
    {
        lock (_gate)
            AdvanceLocked();
    }

    private void AdvanceLocked()
    {
        var now = _clock.Elapsed;
        _due += _rps * (now - _last).TotalSeconds;
        _last = now;
        var requests = (long)Math.Floor(_due);
        if (requests <= 0)
            return;
        _due -= requests;
        _requests.Inc(requests);
        _duration.Observe(_latency, requests);
    }
}
