namespace SloScaler.Operator.KubernetesClient;

/// <summary>How the operator talks to the API server (its <c>--kube-*</c> flags).</summary>
public sealed record KubernetesClientOptions
{
    /// <summary>Sustained requests per second through the client-side token bucket; 0 or less turns the limiter off.</summary>
    public double Qps { get; init; } = 20;

    /// <summary>Requests allowed at once above <see cref="Qps"/> (the bucket's size).</summary>
    public int Burst { get; init; } = 40;

    /// <summary>Sees how long each request waited for the limiter (for a metric).</summary>
    public IKubernetesRateLimitObserver? RateLimitObserver { get; init; }

    /// <summary>The clock the limiter refills by.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Burst, 1, nameof(Burst));
        if (double.IsNaN(Qps) || double.IsInfinity(Qps)) throw new ArgumentOutOfRangeException(nameof(Qps), Qps, "must be a finite number");
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
