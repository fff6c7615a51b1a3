namespace SloScaler.DemoService;

/// <summary>Draws service times from the configured distribution with a seeded source (thread-safe).</summary>
public sealed class ServiceTimeSampler(DemoOptions options)
{
    private readonly Lock _gate = new();
    private readonly Random _random = new(options.Seed);

    public TimeSpan Next()
    {
        var mean = options.MeanServiceTime.TotalSeconds;
        double u1, u2;
        lock (_gate)
        {
            u1 = _random.NextDouble();
            u2 = _random.NextDouble();
        }

        var seconds = options.Distribution switch
        {
            ServiceTimeDistribution.Fixed => mean,
            ServiceTimeDistribution.Exponential => -mean * Math.Log(1.0 - u1),
            // ln S ~ N(m, σ²) with m = ln(mean) − σ²/2 so that E[S] = mean (Box–Muller for the normal).
            ServiceTimeDistribution.LogNormal => Math.Exp(Math.Log(mean) - (options.Sigma * options.Sigma / 2)
                + (options.Sigma * Math.Sqrt(-2 * Math.Log(1.0 - u1)) * Math.Cos(2 * Math.PI * u2))),
            _ => throw new InvalidOperationException($"unknown distribution {options.Distribution}"),
        };
        return TimeSpan.FromSeconds(seconds);
    }
}
