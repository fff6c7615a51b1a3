using System.Globalization;

namespace SloScaler.DemoService;

/// <summary>The service-time distribution a replica's workers draw from.</summary>
public enum ServiceTimeDistribution
{
    Exponential,
    Fixed,
    LogNormal,
}

/// <summary>
/// A replica's settings, read from configuration: flags (<c>--workers 4</c>) win over environment
/// variables (<c>DEMO_WORKERS=4</c>). Keys: workers, distribution (exponential | fixed |
/// lognormal), meanMs, sigma (of the log, lognormal only), seed.
/// </summary>
public sealed record DemoOptions
{
    public int Workers { get; init; } = 4;

    public ServiceTimeDistribution Distribution { get; init; } = ServiceTimeDistribution.Exponential;

    public TimeSpan MeanServiceTime { get; init; } = TimeSpan.FromMilliseconds(50);

    public double Sigma { get; init; } = 0.5;

    public int Seed { get; init; } = 1;

    public static DemoOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new DemoOptions();
        var options = new DemoOptions
        {
            Workers = Int(configuration, "workers") ?? defaults.Workers,
            Distribution = configuration["distribution"] is { } d
                ? Enum.Parse<ServiceTimeDistribution>(d, ignoreCase: true)
                : defaults.Distribution,
            MeanServiceTime = Double(configuration, "meanMs") is { } ms ? TimeSpan.FromMilliseconds(ms) : defaults.MeanServiceTime,
            Sigma = Double(configuration, "sigma") ?? defaults.Sigma,
            Seed = Int(configuration, "seed") ?? defaults.Seed,
        };
        options.Validate();
        return options;
    }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MeanServiceTime, TimeSpan.Zero);
        if (!(Sigma >= 0) || double.IsInfinity(Sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(Sigma), Sigma, "sigma must be finite and ≥ 0");
        }
    }

    public override string ToString() =>
        $"{Workers} workers, {Distribution.ToString().ToLowerInvariant()} service time, mean {MeanServiceTime.TotalMilliseconds:0.###} ms"
        + (Distribution == ServiceTimeDistribution.LogNormal ? $", sigma {Sigma}" : "") + $", seed {Seed}";

    private static int? Int(IConfiguration c, string key) =>
        c[key] is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static double? Double(IConfiguration c, string key) =>
        c[key] is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
