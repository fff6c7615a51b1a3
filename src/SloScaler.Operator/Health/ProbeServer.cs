using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SloScaler.Operator.Health;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> over a small <see cref="HttpListener"/>: 200 with "ok", or 503
/// with the reason. Answers are computed from in-memory state, so each request is bounded.
/// </summary>
public sealed class ProbeServer : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);
    private readonly HttpListener _listener = new();
    private readonly Func<(bool Ok, string Reason)> _health;
    private readonly Func<(bool Ok, string Reason)> _ready;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;

    public ProbeServer(string bindAddress, int port, Func<(bool Ok, string Reason)> health, Func<(bool Ok, string Reason)> ready, ILogger logger)
    {
        _listener.Prefixes.Add(ListenerPrefix.For(bindAddress, port));
        _health = health;
        _ready = ready;
        _logger = logger;
        Port = port;
    }

    public int Port { get; }

    public void Start()
    {
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Stops listening without waiting for the accept loop.</summary>
    public void Dispose()
    {
        if (_listener.IsListening) _listener.Stop();
        _listener.Close();
    }

    /// <summary>Stops listening and waits (bounded) for the accept loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        try
        {
            await _loop.WaitAsync(StopBound);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("The probe server did not stop within {Bound}", StopBound);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                _logger.LogDebug(e, "A probe request failed");
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath.TrimEnd('/');
        var (status, text) = path switch
        {
            "/healthz" or "/livez" => Render(_health()),
            "/readyz" => Render(_ready()),
            _ => (404, "not found: /healthz, /readyz"),
        };
        var body = Encoding.UTF8.GetBytes(text + "\n");
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength64 = body.Length;
        if (context.Request.HttpMethod != "HEAD") response.OutputStream.Write(body);
        response.Close();
    }

    private static (int Status, string Text) Render((bool Ok, string Reason) check) => check.Ok ? (200, check.Reason) : (503, check.Reason);
}
