using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace SloScaler.Operator.Tests.Prometheus.Support;

/// <summary>
/// A minimal HTTPS server on 127.0.0.1 (HttpListener has no TLS on Linux): TLS with the given
/// certificate, then one fixed HTTP/1.1 answer per connection. Counts completed handshakes.
/// </summary>
internal sealed class LoopbackTlsServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly X509Certificate2 _certificate;
    private readonly string _body;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _handshakes;

    public LoopbackTlsServer(X509Certificate2 certificate, string body)
    {
        _certificate = certificate;
        _body = body;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string Address { get; }

    public int Handshakes => Volatile.Read(ref _handshakes);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception)
        {
            // the loop ends when the listener stops
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        bounded.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = _certificate }, bounded.Token);
            Interlocked.Increment(ref _handshakes);
            await ReadHeadersAsync(tls, bounded.Token);
            var body = Encoding.UTF8.GetBytes(_body);
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await tls.WriteAsync(Encoding.ASCII.GetBytes(head), bounded.Token);
            await tls.WriteAsync(body, bounded.Token);
            await tls.FlushAsync(bounded.Token);
        }
        catch (Exception)
        {
            // a client that rejects our certificate hangs up mid-handshake: that is the point
        }
    }

    private static async Task ReadHeadersAsync(Stream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
                return;
            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
