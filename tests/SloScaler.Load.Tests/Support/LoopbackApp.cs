namespace SloScaler.Load.Tests.Support;

/// <summary>A web app started in-process on 127.0.0.1 and a free port; started and stopped within bounds.</summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);
    private readonly WebApplication _app;

    private LoopbackApp(WebApplication app)
    {
        _app = app;
        Address = new Uri(app.Urls.Single());
    }

    public Uri Address { get; }

    /// <summary>Starts <paramref name="app"/>, which must have been built with <c>--urls http://127.0.0.1:0</c>.</summary>
    public static async Task<LoopbackApp> StartAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(StartBound);
        await app.StartAsync(timeout.Token);
        return new LoopbackApp(app);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StopBound);
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
