namespace SloScaler.Simulation.Queueing;

/// <summary>How the simulated Prometheus sees the service. Defaults match a common setup.</summary>
public sealed record ObservedViewOptions
{
    /// <summary>The simulation step; every <see cref="ObservedView.Record(TimeSpan, double, StepLatency)"/> covers exactly one. Default 15 s.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Prometheus' scrape interval: values change only at multiples of it. Default 15 s.</summary>
    public TimeSpan ScrapeInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The range of <c>rate(…[1m])</c> when a query names none. Default 1 min.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest window a query may ask for; sizes the ring buffer. Default 10 min.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// σ of the multiplicative noise exp(σ·Z), Z ~ N(0, 1) (log-normal, median 1), drawn once per
    /// scrape for the rate and once for the quantile. 0 (default) turns noise off.
    /// </summary>
    public double NoiseSigma { get; init; }

    /// <summary>Seed of the <see cref="Random"/> that draws the noise.</summary>
    public int NoiseSeed { get; init; }

    /// <summary>
    /// The upper bound of the highest finite histogram bucket: like <c>histogram_quantile</c>, a
    /// quantile beyond it reads as this value. Default 10 s (the Prometheus clients' default
    /// buckets). Null: no cap, and a quantile may be +∞ when unserved requests dominate.
    /// </summary>
    public TimeSpan? HighestBucket { get; init; } = TimeSpan.FromSeconds(10);

    public static ObservedViewOptions Default { get; } = new();
}
