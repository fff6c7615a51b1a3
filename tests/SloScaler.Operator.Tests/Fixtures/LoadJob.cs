using System.Diagnostics;
using Prometheus;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// The traffic of one <c>job</c> label on the <see cref="LoadTarget"/>: a background loop counts
/// requests at the set rate and observes the set latency, so that
/// <c>sum(rate(http_requests_total{job="…"}[10s]))</c> reads back the rate and the p99 of
/// <c>http_request_duration_seconds</c> the latency. Runs until disposed, and at most
/// <see cref="MaxLifetime"/>.
/// </summary>
public sealed class LoadJob : IDisposable
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly Counter.Child _requests;
    private readonly Histogram.Child _duration;
    private readonly CancellationTokenSource _stop = new(MaxLifetime);
    private readonly Task _loop;
    private volatile Settings _settings = new(0, 0);

    internal LoadJob(string name, Counter.Child requests, Histogram.Child duration)
    {
        Name = name;
        _requests = requests;
        _duration = duration;
        // The series exist from the start (at zero), so a quantile over no traffic is NaN, not empty.
        _requests.Inc(0);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The value of the <c>job</c> label.</summary>
    public string Name { get; }

    public double RequestsPerSecond => _settings.Rps;

    public double LatencySeconds => _settings.Latency;

    /// <summary><c>sum(rate(http_requests_total{job="…"}[window]))</c>.</summary>
    public string RpsQuery(string window = "10s") => $"sum(rate(http_requests_total{{job=\"{Name}\"}}[{window}]))";

    /// <summary>The p99 of <c>http_request_duration_seconds</c> over <paramref name="window"/>.</summary>
    public string LatencyQuery(string window = "10s") =>
        $"histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{{job=\"{Name}\"}}[{window}])))";

    public void SetLoad(double requestsPerSecond, double latencySeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegative(latencySeconds);
        _settings = new Settings(requestsPerSecond, latencySeconds);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ends with its cancellation
        }
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        var clock = Stopwatch.StartNew();
        var last = clock.Elapsed;
        double due = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = clock.Elapsed;
                var settings = _settings;
                due += settings.Rps * (now - last).TotalSeconds;
                last = now;
                var requests = (long)Math.Floor(due);
                due -= requests;
                if (requests == 0)
                    continue;
                _requests.Inc(requests);
                _duration.Observe(settings.Latency, requests);
            }
        }
        catch (OperationCanceledException)
        {
            // disposed, or MaxLifetime reached
        }
    }

    private sealed record Settings(double Rps, double Latency);
}
