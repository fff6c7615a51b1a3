using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace SloScaler.Operator.Health;

/// <summary>Where the probes and <c>/metrics</c> listen; a port of 0 turns that server off.</summary>
public sealed record ProbeHostOptions(string ProbeBindAddress, int ProbePort, string MetricsBindAddress, int MetricsPort);

/// <summary>
/// <c>/healthz</c> (and <c>/livez</c>), <c>/readyz</c> and <c>/metrics</c> on Kestrel: ASP.NET
/// Core's health checks for the probes (200 with the check's text, 503 with the reason) and
/// prometheus-net's exporter for the metrics, each on its own port. An empty web host: no
/// configuration sources, no routing, nothing but these three paths. Kestrel binds its sockets
/// in <c>StartAsync</c>, so the servers answer as soon as it returns.
/// </summary>
public static class ProbeHost
{
    private const string Live = "live";
    private const string Ready = "ready";

    /// <param name="options">Where to listen.</param>
    /// <param name="ready">Whether the operator is ready, and why (not).</param>
    /// <param name="registry">The metrics <c>/metrics</c> serves.</param>
    /// <param name="loggerFactory">Where Kestrel logs.</param>
    public static WebApplication Build(ProbeHostOptions options, Func<(bool Ok, string Reason)> ready, CollectorRegistry registry, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ready);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "sloscaler" });
        // Logs go to the operator's logger; a failing readiness check is an answer, not an error to log.
        builder.Logging.ClearProviders().AddProvider(new ForwardingLoggerProvider(loggerFactory)).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        // The operator's host owns the process's lifetime (SIGTERM, drain); this one only starts and stops when told.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        // Only the flags say where to listen: not ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS (the aspnet image sets the latter).
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "").UseSetting(WebHostDefaults.HttpPortsKey, "").UseSetting(WebHostDefaults.HttpsPortsKey, "");
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.ProbePort > 0) BindAddress.Listen(kestrel, options.ProbeBindAddress, options.ProbePort);
            if (options.MetricsPort > 0) BindAddress.Listen(kestrel, options.MetricsBindAddress, options.MetricsPort);
        });
        builder.Services.AddHealthChecks()
            .AddCheck(Live, () => HealthCheckResult.Healthy("ok"), tags: [Live])
            .AddCheck(Ready, () =>
            {
                var (ok, why) = ready();
                return ok ? HealthCheckResult.Healthy(why) : HealthCheckResult.Unhealthy(why);
            }, tags: [Ready]);

        var app = builder.Build();
        if (options.ProbePort > 0)
        {
            app.MapWhen(c => c.Connection.LocalPort == options.ProbePort, probes =>
            {
                probes.UseHealthChecks("/healthz", Checks(Live));
                probes.UseHealthChecks("/livez", Checks(Live));
                probes.UseHealthChecks("/readyz", Checks(Ready));
            });
        }
        if (options.MetricsPort > 0)
        {
            app.MapWhen(c => c.Connection.LocalPort == options.MetricsPort, metrics => metrics.UseMetricServer("/metrics", registry));
        }
        return app;
    }

    private sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

        public void Dispose()
        {
            // the operator's host owns the factory
        }
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static HealthCheckOptions Checks(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        AllowCachingResponses = false,
        ResponseWriter = WriteAsync,
    };

    /// <summary>The checks' text, one line: "ok", or the reason it is not.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method)) return Task.CompletedTask;
        var text = string.Join("; ", report.Entries.Values.Select(e => e.Description ?? e.Status.ToString()));
        return context.Response.WriteAsync(text + "\n");
    }
}
