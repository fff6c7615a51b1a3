using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace SloScaler.Operator.Hosting;

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
            _probes = new ProbeServer(options.ProbeBindAddress, options.ProbePort, () => (true, "ok"), readiness.Check, logger);
            _probes.Start();
            logger.LogInformation("Probes on {Prefix}healthz and /readyz", ListenerPrefix.For(options.ProbeBindAddress, options.ProbePort));
        }
        if (options.MetricsPort > 0)
        {
            _metrics = new MetricServer(ListenerPrefix.Host(options.MetricsBindAddress), options.MetricsPort, "metrics/", metrics.Registry);
            _metrics.Start();
            logger.LogInformation("Metrics on {Prefix}", ListenerPrefix.For(options.MetricsBindAddress, options.MetricsPort, "/metrics"));
        }
        return Task.CompletedTask;
    }

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
