using SloScaler.DemoService;

namespace SloScaler.Load.Tests.Support;

/// <summary>The demo service in-process on 127.0.0.1 and a free port; stopped (bounded) on dispose.</summary>
public sealed class DemoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<DemoServer> StartAsync(params string[] settings)
    {
        var app = DemoApp.Create(["--urls", "http://127.0.0.1:0", .. settings]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(timeout.Token);
        return new DemoServer(app, new Uri(app.Urls.Single()));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
