namespace SloScaler.Simulation.Queueing;

/// <summary>
/// The sum X + Y of two independent exponentials with rates r1 and r2 (a hypoexponential
/// distribution). With a = min(r1, r2), b = max(r1, r2), d = b − a and
/// g(d, t) = (1 − e^(−d·t)) / d (→ t as d → 0):
/// <code>
///   P(X + Y &gt; t)        = e^(−a·t) · (1 + a·g(d, t))
///   density at t         = a·b · e^(−a·t) · g(d, t)
///   ∫_t^∞ P(X + Y &gt; u) du = e^(−a·t) · (1/a + 1/b + (a/b)·g(d, t))
/// </code>
/// These are the textbook (r2·e^(−r1·t) − r1·e^(−r2·t)) / (r2 − r1) and its relatives rearranged
/// so that nothing cancels when r1 ≈ r2; they are exact at r1 = r2 (the Erlang-2 case).
/// </summary>
internal static class Hypoexponential
{
    /// <summary>Survival, density and tail integral at t ≥ 0; also e^(−r1·t), which callers reuse.</summary>
    public static void Evaluate(double r1, double r2, double t, out double survival, out double density, out double tail, out double expR1)
    {
        var (a, b) = r1 <= r2 ? (r1, r2) : (r2, r1);
        var expA = Math.Exp(-a * t);
        var g = NumericMath.OneMinusExpOver(b - a, t, out var expD);
        survival = expA * (1.0 + (a * g));
        density = a * b * expA * g;
        tail = expA * ((1.0 / a) + (1.0 / b) + (a / b * g));
        expR1 = r1 <= r2 ? expA : expA * expD;
    }
}
