namespace SloScaler.Load.Schedule;

/// <summary>How a trace is replayed: compression, load scale, seed and the bounds that stop a run by itself.</summary>
public sealed record ScheduleOptions
{
    /// <summary>Trace seconds played per real second (60 plays an hour in a minute).</summary>
    public double Compression { get; init; } = 1.0;

    /// <summary>Multiplies every rate of the trace (to fit the lab's size).</summary>
    public double RateScale { get; init; } = 1.0;

    public int Seed { get; init; } = 1;

    public int MaxRequests { get; init; } = 100_000;

    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    public void Validate()
    {
        if (!(Compression > 0) || double.IsInfinity(Compression))
        {
            throw new ArgumentOutOfRangeException(nameof(Compression), Compression, "the compression must be finite and > 0");
        }

        if (!(RateScale >= 0) || double.IsInfinity(RateScale))
        {
            throw new ArgumentOutOfRangeException(nameof(RateScale), RateScale, "the rate scale must be finite and ≥ 0");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequests, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxDuration, TimeSpan.Zero);
    }
}
