using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Telemetry;

namespace SloScaler.Operator.Health;

/// <summary>
/// Starts the probe server (<c>/healthz</c>, <c>/readyz</c>) and the metrics server
/// (<c>/metrics</c>, prometheus-net's HttpListener-based <see cref="MetricServer"/>) before leader
/// election, so probes answer while a replica stands by; stops both on shutdown. Port 0 turns one off.
/// </summary>
internal sealed class ServersService(RunOptions options, OperatorReadiness readiness, OperatorMetrics metrics, ILogger<ServersService> logger) : IHostedService, IDisposable
{
    private ProbeServer? _probes;
    private MetricServer? _metrics;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ProbePort > 0)
        {
            _probes = StartWithRetry(() => new ProbeServer(options.ProbeBindAddress, options.ProbePort, () => (true, "ok"), readiness.Check, logger), p => p.Start(), "probe server");
            logger.LogInformation("Probes on {Prefix}healthz and /readyz", ListenerPrefix.For(options.ProbeBindAddress, options.ProbePort));
        }
        if (options.MetricsPort > 0)
        {
            _metrics = StartWithRetry(() => new MetricServer(ListenerPrefix.Host(options.MetricsBindAddress), options.MetricsPort, "metrics/", metrics.Registry), m => m.Start(), "metrics server");
            logger.LogInformation("Metrics on {Prefix}", ListenerPrefix.For(options.MetricsBindAddress, options.MetricsPort, "/metrics"));
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// .NET's managed HttpListener can throw from Start() when a connection is already waiting on the
    /// port (a kubelet probing early); a fresh listener a moment later starts fine. Bounded: 5 tries.
    /// </summary>
    private T StartWithRetry<T>(Func<T> create, Action<T> start, string what) where T : IDisposable
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = create();
            try
            {
                start(server);
                return server;
            }
            catch (Exception e) when (attempt < MaxStartAttempts && e is ArgumentException or HttpListenerException or InvalidOperationException or ObjectDisposedException)
            {
                server.Dispose();
                logger.LogWarning(e, "The {Server} failed to start (attempt {Attempt} of {Max}); retrying", what, attempt, MaxStartAttempts);
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private const int MaxStartAttempts = 5;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_metrics is not null)
        {
            await _metrics.StopAsync();
            _metrics.Dispose();
            _metrics = null;
        }
        if (_probes is not null)
        {
            await _probes.DisposeAsync();
            _probes = null;
        }
    }

    public void Dispose()
    {
        _metrics?.Dispose();
        _probes?.Dispose();
    }
}
