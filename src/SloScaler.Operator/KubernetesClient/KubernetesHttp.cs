using System.Net;
using System.Net.Http.Headers;
using System.Text;
using k8s;

namespace SloScaler.Operator.KubernetesClient;

/// <summary>
/// Requests to API paths the generated client has no method for — discovery of any group, the
/// <c>scale</c> subresource of any resource, watch streams read line by line — sent through the
/// client's own HttpClient, credentials and handlers (so the rate limiter applies).
/// </summary>
internal sealed class KubernetesHttp
{
    public const string MergePatch = "application/merge-patch+json";
    public const string JsonPatch = "application/json-patch+json";

    private readonly k8s.Kubernetes _client;

    public KubernetesHttp(IKubernetes client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client as k8s.Kubernetes
            ?? throw new ArgumentException($"needs the {typeof(k8s.Kubernetes).FullName} client (as built by {nameof(KubernetesClientFactory)}), not {client.GetType().FullName}", nameof(client));
    }

    /// <summary>Sends a request and reads the whole answer. Never throws but for <paramref name="cancellationToken"/>.</summary>
    public async Task<ApiResult> SendAsync(HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendCoreAsync(method, path, body, contentType, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new ApiResult((int)response.StatusCode, text);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return new ApiResult(0, $"{method} {path}: {e.Message}");
        }
    }

    public Task<ApiResult> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    /// <summary>Starts a streaming GET (a watch); the caller reads and disposes the response. Throws on transport errors.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken) =>
        SendCoreAsync(HttpMethod.Get, path, null, null, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, string? body, string? contentType, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_client.BaseUri, path.TrimStart('/')))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }
        if (_client.Credentials is { } credentials)
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        return await _client.HttpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }
}
