using SloScaler.Operator.Retries;

namespace SloScaler.Operator.Kubernetes;

/// <summary>Which ScalingPolicies to watch and how the watch recovers.</summary>
public sealed record KubernetesPolicySourceOptions
{
    /// <summary>Namespaces to watch, one watch each; empty means all namespaces with one watch.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>
    /// How long the server keeps one watch open before it ends it and the source resumes from the
    /// last resourceVersion; each watch asks for between this and twice this (client-go's spread).
    /// </summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>First wait after a failure; doubles per consecutive failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A failed list or watch is tried again under the operator's one <see cref="RetryPolicy"/>, without end.</summary>
    internal RetryPolicy Retry => new() { FirstDelay = MinBackoff, MaxDelay = MaxBackoff };

    /// <summary>Objects per list page.</summary>
    public int ListPageSize { get; init; } = 500;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Namespaces);
        if (Namespaces.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("a namespace name is empty", nameof(Namespaces));
        ArgumentOutOfRangeException.ThrowIfLessThan(WatchTimeout, TimeSpan.FromSeconds(1), nameof(WatchTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinBackoff, TimeSpan.Zero, nameof(MinBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, MinBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1, nameof(ListPageSize));
    }
}
