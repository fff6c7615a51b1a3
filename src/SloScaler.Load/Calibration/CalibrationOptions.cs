namespace SloScaler.Load.Calibration;

/// <summary>
/// A step test: rates from <see cref="StartRate"/> rising by <see cref="Factor"/> until the p99
/// passes <see cref="Objective"/> (or <see cref="MaxRate"/>), then <see cref="Refinements"/>
/// bisections between the last passing and the first failing rate. Each step runs
/// <see cref="Warmup"/> unmeasured, then <see cref="Measure"/> measured. The target is the
/// capacity found times (1 − <see cref="Margin"/>).
/// </summary>
public sealed record CalibrationOptions
{
    public required TimeSpan Objective { get; init; }

    public double StartRate { get; init; } = 5;

    public double Factor { get; init; } = 1.25;

    public double MaxRate { get; init; } = 1_000;

    public int Refinements { get; init; } = 3;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan Measure { get; init; } = TimeSpan.FromSeconds(20);

    public double Margin { get; init; } = 0.2;

    /// <summary>A step whose errors or drops exceed this fraction of its requests fails, whatever its latency.</summary>
    public double MaxErrorRatio { get; init; } = 0.01;

    public int Seed { get; init; } = 1;

    /// <summary>A step with more requests than this fraction sent late (the generator fell behind) is run again…</summary>
    public double MaxLateRatio { get; init; } = 0.01;

    /// <summary>…at most this many times; the last run stands.</summary>
    public int RetriesWhenLate { get; init; } = 2;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Objective, TimeSpan.Zero);
        if (!(StartRate > 0) || !(MaxRate >= StartRate) || double.IsInfinity(MaxRate))
        {
            throw new ArgumentOutOfRangeException(nameof(StartRate), StartRate, "need 0 < start rate ≤ max rate, both finite");
        }

        if (!(Factor > 1) || double.IsInfinity(Factor))
        {
            throw new ArgumentOutOfRangeException(nameof(Factor), Factor, "the factor must be finite and > 1");
        }

        if (!(Margin >= 0 && Margin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "the margin must be in [0, 1)");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Refinements);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Measure, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(Warmup, TimeSpan.Zero);
    }
}
