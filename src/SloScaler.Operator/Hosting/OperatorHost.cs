using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using SloScaler.Operator.Health;
using SloScaler.Operator.Telemetry;

namespace SloScaler.Operator.Hosting;

/// <summary>
/// The long-running operator as a generic host: Serilog, the probe and metrics servers (a small
/// Kestrel host of their own, <see cref="Health.ProbeHost"/>), leader election, the controller, and a graceful shutdown that stops the timers and
/// lets in-flight reconciles finish within <see cref="RunOptions.DrainTimeout"/>.
/// </summary>
public static class OperatorHost
{
    /// <summary>Time beyond the drain for the servers and the host itself to stop.</summary>
    private static readonly TimeSpan StopMargin = TimeSpan.FromSeconds(5);

    /// <param name="options">What <c>run</c> was told.</param>
    /// <param name="overrides">Runs before the defaults are added: register your own ports (e.g. an in-memory <c>IPolicySource</c>) and they win.</param>
    public static IHost Build(RunOptions options, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "sloscaler" });
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = options.DrainTimeout + StopMargin;
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(OperatorLogging.Create(options.LogFormat, options.LogLevel, toStandardError: false), dispose: true);

        overrides?.Invoke(builder.Services);
        builder.Services.AddOperator(options);
        builder.Services.AddHostedService<ServersService>();
        builder.Services.AddHostedService<OperatorService>();
        return builder.Build();
    }

    /// <summary>Runs until SIGTERM/SIGINT (or leadership is lost); returns the process exit code.</summary>
    public static async Task<int> RunAsync(RunOptions options, CancellationToken cancellationToken = default)
    {
        using var host = Build(options);
        var logger = host.Services.GetRequiredService<ILogger<OperatorExit>>();
        var exit = host.Services.GetRequiredService<OperatorExit>(); // RunAsync disposes the services
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogCritical(e, "The operator could not run: {Error}", e.Message);
            return 1;
        }
        return exit.Code;
    }
}
