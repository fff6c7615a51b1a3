namespace SloScaler.Simulation.Queueing;

/// <summary>
/// Inverts a survival function: finds t with P(T &gt; t) = 1 − q. It works on
/// F(t) = ln P(T &gt; t) − ln(1 − q), F′(t) = −density/P(T &gt; t), with Newton steps kept inside a
/// shrinking bracket and bisection whenever a Newton step would leave it or stall (Numerical
/// Recipes' <c>rtsafe</c>), so it cannot diverge. Exponential tails are nearly straight in log
/// space, so a handful of steps reach ~1e-10 relative accuracy.
/// </summary>
internal static class QuantileSolver
{
    private const int MaxIterations = 200;
    private const double RelativeTolerance = 1e-11;
    private const double AbsoluteTolerance = 1e-15;
    private const double SmallestSurvival = 1e-300;

    /// <summary>
    /// The q-quantile of <paramref name="distribution"/> (whose P(T &gt; 0) = 1) searched in
    /// [0, <paramref name="hi"/>]; <paramref name="hi"/> is doubled until P(T &gt; hi) ≤ 1 − q.
    /// </summary>
    public static double Solve<TSurvival>(scoped ref TSurvival distribution, double quantile, double hi)
        where TSurvival : ISurvival, allows ref struct
    {
        var logTarget = Math.Log(1.0 - quantile);
        var lo = 0.0;
        hi = Math.Max(hi, AbsoluteTolerance);
        double f, slope;
        for (var grow = 0; (f = Objective(ref distribution, hi, logTarget, out slope)) > 0; grow++)
        {
            if (grow > 60)
            {
                return double.PositiveInfinity;
            }

            lo = hi;
            hi = (2 * hi) + AbsoluteTolerance;
        }

        // Newton from the upper end of the bracket, where F and F′ are already known.
        var t = hi;
        var step = hi - lo;
        var previousStep = step;
        for (var i = 0; i < MaxIterations; i++)
        {
            if (f == 0)
            {
                return t;
            }

            if (f > 0)
            {
                lo = t;
            }
            else
            {
                hi = t;
            }

            var newton = t - (f / slope);
            if (!(slope < 0) || !(newton > lo && newton < hi) || Math.Abs(2.0 * f) > Math.Abs(previousStep * slope))
            {
                previousStep = step;
                step = 0.5 * (hi - lo);
                t = lo + step;
            }
            else
            {
                previousStep = step;
                step = f / slope;
                t = newton;
            }

            if (Math.Abs(step) <= (RelativeTolerance * t) + AbsoluteTolerance)
            {
                return t;
            }

            f = Objective(ref distribution, t, logTarget, out slope);
        }

        return t;
    }

    /// <summary>F(t) = ln P(T &gt; t) − ln(1 − q) and F′(t) = −density / P(T &gt; t).</summary>
    private static double Objective<TSurvival>(scoped ref TSurvival distribution, double t, double logTarget, out double slope)
        where TSurvival : ISurvival, allows ref struct
    {
        var survival = distribution.Evaluate(t, out var density);
        if (survival <= SmallestSurvival)
        {
            slope = 0;
            return Math.Log(SmallestSurvival) - logTarget;
        }

        slope = -density / survival;
        return Math.Log(survival) - logTarget;
    }
}
