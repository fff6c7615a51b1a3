using SloScaler.Load.Running;

namespace SloScaler.Load.Calibration;

/// <summary>One measured rate of a step test: the latency after the warm-up, and whether it kept the objective.</summary>
public sealed record CalibrationStep(double Rate, WindowReport Measured, double Quantile, bool Passed)
{
    /// <summary>The measured latency at the objective's quantile, seconds.</summary>
    /// <summary>How many runs the step took (more than one when the generator fell behind its schedule).</summary>
    public int Attempts { get; init; } = 1;

    public double AtQuantile => Quantile >= 0.999 ? Measured.Latency.P999 : Measured.Latency.P99;
}
