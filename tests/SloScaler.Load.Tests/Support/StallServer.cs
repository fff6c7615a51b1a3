namespace SloScaler.Load.Tests.Support;

/// <summary>
/// A server on 127.0.0.1 that answers at once, except that every request arriving in its first
/// <c>stall</c> after start is held until the stall ends (a GC pause, a full disk, a lock).
/// </summary>
public static class StallServer
{
    public static Task<LoopbackApp> StartAsync(TimeSpan stall)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var stallEnds = TaskCompletionSourceAfter(stall, app.Lifetime);
        app.MapGet("/", async () =>
        {
            await stallEnds.ConfigureAwait(false);
            return Results.Text("ok\n");
        });
        return LoopbackApp.StartAsync(app);
    }

    private static Task TaskCompletionSourceAfter(TimeSpan stall, IHostApplicationLifetime lifetime)
    {
        var ends = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => _ = Task.Delay(stall).ContinueWith(_ => ends.TrySetResult(), TaskScheduler.Default));
        return ends.Task;
    }
}
