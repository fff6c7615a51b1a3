namespace SloScaler.Core.Hpa;

/// <summary>
/// HPA computes in thousandths (<c>Quantity.MilliValue()</c>); these conversions reproduce how the
/// numbers reach it, so results at the tolerance edges match a real cluster.
/// </summary>
internal static class HpaQuantity
{
    /// <summary>
    /// A target written in the HPA spec: the decimal the user wrote, in thousandths, rounded up
    /// (Quantity rounds up when it drops digits).
    /// </summary>
    public static long TargetMilli(double value) =>
        Math.Abs(value) < 1e15 ? (long)Math.Ceiling((decimal)value * 1000m) : (long)Math.Ceiling(value * 1000);

    /// <summary>A metric value as KEDA hands it to the external metrics API: value × 1000, truncated.</summary>
    public static long ReportedMilli(double value) => (long)(value * 1000);
}
