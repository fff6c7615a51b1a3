namespace SloScaler.Simulation.Metrics;

/// <summary>Computes <see cref="ElasticityMetrics"/>: pure arithmetic over two replica curves of one run.</summary>
public static class Elasticity
{
    /// <summary>
    /// The metrics of <paramref name="supply"/> against <paramref name="demand"/> (equal lengths, one
    /// value per step of <paramref name="stepSeconds"/>), with <paramref name="scaleEvents"/> scale
    /// events over the run:
    /// <code>
    ///   θU = Σ (d − s)⁺ / n        θO = Σ (s − d)⁺ / n
    ///   τU = #{s &lt; d} / n          τO = #{s &gt; d} / n
    ///   υ  = #{i ≥ 1 : (s_i − s_{i−1})·(d_i − d_{i−1}) &lt; 0} / (n − 1)
    ///   scale events per day = events / (n · step / 86 400 s)
    /// </code>
    /// </summary>
    public static ElasticityMetrics Measure(IReadOnlyList<int> demand, IReadOnlyList<int> supply, double stepSeconds, int scaleEvents)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(supply);
        if (demand.Count != supply.Count) throw new ArgumentException($"demand has {demand.Count} steps and supply {supply.Count}", nameof(supply));
        if (!(stepSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "the step must be positive");
        var n = demand.Count;
        if (n == 0) return ElasticityMetrics.None;

        double under = 0, over = 0;
        int underSteps = 0, overSteps = 0, opposite = 0;
        for (var i = 0; i < n; i++)
        {
            var gap = demand[i] - supply[i];
            if (gap > 0)
            {
                under += gap;
                underSteps++;
            }
            else if (gap < 0)
            {
                over -= gap;
                overSteps++;
            }

            if (i > 0 && Math.Sign(supply[i] - supply[i - 1]) * Math.Sign(demand[i] - demand[i - 1]) < 0) opposite++;
        }

        var days = n * stepSeconds / 86_400;
        return new ElasticityMetrics(
            under / n, over / n, (double)underSteps / n, (double)overSteps / n, n > 1 ? (double)opposite / (n - 1) : 0, scaleEvents / days);
    }
}
