namespace SloScaler.Load.Calibration;

/// <summary>
/// The steps measured, the capacity of one replica (the rate at which the p99 meets the
/// objective, interpolated between the bracketing steps), and the <c>targetPerReplica</c> it
/// implies: capacity × (1 − margin).
/// </summary>
public sealed record CalibrationResult(IReadOnlyList<CalibrationStep> Steps, double Capacity, double TargetPerReplica, double Margin, string Finding);
