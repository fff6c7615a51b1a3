namespace SloScaler.Operator.KubernetesClient;

/// <summary>
/// Client-side rate limit for every request to the API server (a watch counts once, when it
/// starts). Requests wait their turn in a <see cref="TokenBucket"/>; the wait is added to
/// <see cref="TotalWait"/> and reported to the observer.
/// </summary>
public sealed class RateLimitingHandler : DelegatingHandler
{
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private readonly IKubernetesRateLimitObserver? _observer;
    private long _waitTicks;

    public RateLimitingHandler(double qps, int burst, TimeProvider? timeProvider = null, IKubernetesRateLimitObserver? observer = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _bucket = new TokenBucket(qps, burst, _time);
        _observer = observer;
    }

    /// <summary>Time all requests so far spent waiting for the limiter.</summary>
    public TimeSpan TotalWait => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wait = _bucket.Reserve();
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _bucket.Return();
                throw;
            }
            Interlocked.Add(ref _waitTicks, wait.Ticks);
        }
        try
        {
            _observer?.OnRequest(wait);
        }
        catch (Exception)
        {
            // An observer must not break requests.
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
