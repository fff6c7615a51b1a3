namespace SloScaler.DemoService;

/// <summary>
/// The demo service: <c>GET /</c> is served by the worker pool, <c>GET /metrics</c> exports the
/// Prometheus metrics, <c>GET /healthz</c> answers at once. Binds to <c>--urls</c> (or
/// ASPNETCORE_URLS), http://127.0.0.1:8080 when neither is given.
/// </summary>
public static class DemoApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplication Create(string[] args, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddEnvironmentVariables("DEMO_");
        builder.Configuration.AddCommandLine(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var options = DemoOptions.From(builder.Configuration);
        var clock = time ?? TimeProvider.System;
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(sp => new WorkerPool(options, clock));
        builder.Services.AddSingleton<DemoMetrics>();

        var app = builder.Build();
        var pool = app.Services.GetRequiredService<WorkerPool>();
        var metrics = app.Services.GetRequiredService<DemoMetrics>();
        app.MapGet("/", async () =>
        {
            var arrived = clock.GetTimestamp();
            await pool.ServeAsync().ConfigureAwait(false);
            metrics.Duration.Observe(clock.GetElapsedTime(arrived).TotalSeconds);
            metrics.Requests.WithLabels("200").Inc();
            return Results.Text("ok\n");
        });
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        app.Logger.LogInformation("sloscaler demo service: {Options}", options);
        return app;
    }
}
