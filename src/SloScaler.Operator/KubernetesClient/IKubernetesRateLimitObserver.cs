namespace SloScaler.Operator.KubernetesClient;

/// <summary>
/// Sees the client-side rate limiter at work, for the wait-time metric. Called once per request
/// sent, with <see cref="TimeSpan.Zero"/> when it did not wait. Must be cheap and thread-safe; an
/// exception thrown here is swallowed.
/// </summary>
public interface IKubernetesRateLimitObserver
{
    void OnRequest(TimeSpan waited);
}
