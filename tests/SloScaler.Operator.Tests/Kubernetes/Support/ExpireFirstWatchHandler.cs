using System.Net;
using System.Text;

namespace SloScaler.Operator.Tests.Kubernetes.Support;

/// <summary>
/// Holds the first watch request until the test releases it, then answers it the way the API
/// server answers a watch whose resourceVersion was compacted away: an ERROR event with a 410
/// Status. Every other request goes to the real API server.
/// </summary>
internal sealed class ExpireFirstWatchHandler : DelegatingHandler
{
    private const string Expired =
        """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}""";

    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _watches;

    /// <summary>Completes when the first watch has been caught.</summary>
    public Task Held => _held.Task;

    public int Watches => Volatile.Read(ref _watches);

    public void Release() => _release.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isWatch = request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true;
        if (isWatch && Interlocked.Increment(ref _watches) == 1)
        {
            _held.TrySetResult();
            await _release.Task.WaitAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Expired + "\n", Encoding.UTF8, "application/json"), RequestMessage = request };
        }
        return await base.SendAsync(request, cancellationToken);
    }
}
