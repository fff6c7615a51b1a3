namespace SloScaler.Load.Running;

/// <summary>GETs one URL per request; any 2xx is a success, anything else (or a timeout) an error.</summary>
public sealed class HttpRequestSender : IRequestSender, IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _target;

    public HttpRequestSender(Uri target, TimeSpan timeout, int maxConnections)
    {
        _target = target;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseProxy = false,
        };
        _client = new HttpClient(handler) { Timeout = timeout };
    }

    public async Task<bool> SendAsync(CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(_target, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    public void Dispose() => _client.Dispose();
}
