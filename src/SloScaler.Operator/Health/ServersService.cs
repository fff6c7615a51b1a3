using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Telemetry;

namespace SloScaler.Operator.Health;

/// <summary>
/// Starts the <see cref="ProbeHost"/> (<c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>) before
/// leader election, so probes answer while a replica stands by; stops it on shutdown. Port 0
/// turns one server off; both off, nothing is started.
/// </summary>
internal sealed class ServersService(
    RunOptions options, OperatorReadiness readiness, OperatorMetrics metrics, ILoggerFactory loggerFactory, ILogger<ServersService> logger)
    : IHostedService, IAsyncDisposable
{
    private WebApplication? _host;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ProbePort <= 0 && options.MetricsPort <= 0) return;
        var host = ProbeHost.Build(
            new ProbeHostOptions(options.ProbeBindAddress, options.ProbePort, options.MetricsBindAddress, options.MetricsPort),
            readiness.Check, metrics.Registry, loggerFactory);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        _host = host;
        if (options.ProbePort > 0)
            logger.LogInformation("Probes on {Url} and /readyz", BindAddress.Url(options.ProbeBindAddress, options.ProbePort, "/healthz"));
        if (options.MetricsPort > 0)
            logger.LogInformation("Metrics on {Url}", BindAddress.Url(options.MetricsBindAddress, options.MetricsPort, "/metrics"));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_host is null) return;
        await _host.StopAsync(cancellationToken);
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        var host = Interlocked.Exchange(ref _host, null);
        if (host is not null) await host.DisposeAsync();
    }
}
