using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// The HttpClients queries go through. Servers trusted through the system store share one client
/// (its handler pools connections per server anyway); a server with its own CA bundle gets a client
/// cached by (address, CA file) whose TLS validation trusts exactly that bundle. A CA file that
/// changes on disk (rotation) gets a fresh client.
/// </summary>
internal sealed class PrometheusHttpClients : IDisposable
{
    private readonly PrometheusOptions _options;
    private readonly HttpClient _shared;
    private readonly ConcurrentDictionary<(string Address, string CaFile), CustomCaClient> _custom = new();
    private readonly object _gate = new();
    private readonly List<HttpClient> _retired = [];
    private bool _disposed;

    public PrometheusHttpClients(PrometheusOptions options)
    {
        _options = options;
        _shared = CreateClient(chainPolicy: null);
    }

    /// <summary>The client for this endpoint, or null with an error message (unreadable CA file).</summary>
    public HttpClient? For(PrometheusEndpoint endpoint, out string? error)
    {
        error = null;
        if (endpoint.CaFile is null)
            return _shared;

        var key = (endpoint.QueryUri.AbsoluteUri, endpoint.CaFile);
        try
        {
            var modified = File.GetLastWriteTimeUtc(endpoint.CaFile);
            if (_custom.TryGetValue(key, out var cached) && cached.CaModified == modified)
                return cached.Client;

            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_custom.TryGetValue(key, out cached) && cached.CaModified == modified)
                    return cached.Client;
                var client = CreateClient(LoadChainPolicy(endpoint.CaFile, out error));
                if (error is not null)
                {
                    client.Dispose();
                    return null;
                }

                if (cached is not null)
                    _retired.Add(cached.Client); // requests may still be in flight on it
                _custom[key] = new CustomCaClient(modified, client);
                return client;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            error = $"cannot load the CA file '{endpoint.CaFile}': {ex.Message}";
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _shared.Dispose();
            foreach (var entry in _custom.Values)
                entry.Client.Dispose();
            foreach (var client in _retired)
                client.Dispose();
        }
    }

    private static X509ChainPolicy? LoadChainPolicy(string caFile, out string? error)
    {
        error = null;
        if (!File.Exists(caFile))
        {
            error = $"the CA file '{caFile}' does not exist";
            return null;
        }

        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(caFile);
        if (bundle.Count == 0)
        {
            error = $"the CA file '{caFile}' holds no PEM certificate";
            return null;
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(bundle);
        return policy;
    }

    private HttpClient CreateClient(X509ChainPolicy? chainPolicy)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = _options.ConnectionLifetime,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
        if (chainPolicy is not null)
            handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = chainPolicy };

        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // each query carries its own timeout token
            MaxResponseContentBufferSize = _options.MaxResponseBytes,
        };
    }

    private sealed record CustomCaClient(DateTime CaModified, HttpClient Client);
}
