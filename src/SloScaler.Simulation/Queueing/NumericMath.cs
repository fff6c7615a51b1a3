namespace SloScaler.Simulation.Queueing;

/// <summary>Small numerically careful helpers shared by the queueing model.</summary>
internal static class NumericMath
{
    /// <summary>
    /// g(d, x) = (1 − e^(−d·x)) / d for d, x ≥ 0, with its limit x at d = 0, and e^(−d·x) itself.
    /// Below d·x = 1e-3 a Taylor series replaces the subtraction, so nothing cancels (error ~1e-18).
    /// </summary>
    public static double OneMinusExpOver(double d, double x, out double expMinusDx)
    {
        var dx = d * x;
        if (dx < 1e-3)
        {
            expMinusDx = dx == 0 ? 1.0 : Math.Exp(-dx);
            return x * (1.0 - (dx * (0.5 - (dx * ((1.0 / 6) - (dx * ((1.0 / 24) - (dx / 120))))))));
        }

        expMinusDx = Math.Exp(-dx);
        return (1.0 - expMinusDx) / d;
    }
}
