using SloScaler.Load.Running;

namespace SloScaler.Load.Calibration;

/// <summary>One measured rate of a step test: the latency after the warm-up, and whether it kept the objective.</summary>
public sealed record CalibrationStep(double Rate, WindowReport Measured, double Quantile, bool Passed)
{
    /// <summary>The measured latency at the objective's quantile, seconds.</summary>
    public double AtQuantile => Quantile >= 0.999 ? Measured.Latency.P999 : Measured.Latency.P99;
}
