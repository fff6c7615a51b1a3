namespace SloScaler.Operator.Tests.Kubernetes.Support;

/// <summary>Counts the list and watch requests for ScalingPolicies that pass through it.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private int _lists;
    private int _watches;

    public int Lists => Volatile.Read(ref _lists);

    public int Watches => Volatile.Read(ref _watches);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method == HttpMethod.Get && uri.AbsolutePath.EndsWith("/scalingpolicies", StringComparison.Ordinal))
        {
            if (uri.Query.Contains("watch=true", StringComparison.Ordinal)) Interlocked.Increment(ref _watches);
            else Interlocked.Increment(ref _lists);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
