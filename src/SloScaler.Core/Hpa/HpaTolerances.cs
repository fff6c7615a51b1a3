namespace SloScaler.Core.Hpa;

/// <summary>
/// The band of usage ratios that keeps the current replicas: [1 − ScaleDown, 1 + ScaleUp], both
/// ends included (HPA's <c>Tolerances.isWithin</c>).
/// </summary>
public sealed record HpaTolerances(double ScaleDown, double ScaleUp)
{
    /// <summary>HPA's default: 10% either way.</summary>
    public static HpaTolerances Default { get; } = Symmetric(HpaDefaults.Tolerance);

    public static HpaTolerances Symmetric(double tolerance) => new(tolerance, tolerance);

    /// <summary>True when the change is too small to act on. NaN is never within.</summary>
    public bool IsWithin(double usageRatio) => 1.0 - ScaleDown <= usageRatio && usageRatio <= 1.0 + ScaleUp;
}
