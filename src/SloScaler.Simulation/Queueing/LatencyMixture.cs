namespace SloScaler.Simulation.Queueing;

/// <summary>
/// The response time of the requests of several steps taken together: the mixture of the steps'
/// distributions weighted by their arrivals, P(T &gt; t) = Σ wᵢ·Pᵢ(T &gt; t) / Σ wᵢ. This is what a
/// <c>histogram_quantile</c> over a window measures (without bucket error), and what a run's
/// overall p99 is. Unbounded steps contribute P(T &gt; t) = 1: the quantile is +∞ only when
/// their share of arrivals reaches 1 − q.
/// </summary>
public static class LatencyMixture
{
    /// <summary>P(T &gt; t) of the mixture; null when the weights sum to 0.</summary>
    public static double? Survival(ReadOnlySpan<StepLatency> steps, ReadOnlySpan<double> weights, double seconds)
    {
        var mixture = Create(steps, weights, out _);
        return mixture.Total > 0 ? mixture.Evaluate(seconds, out _) : null;
    }

    /// <summary>The mixture's <paramref name="quantile"/> in seconds; null when the weights sum to 0.</summary>
    public static double? Quantile(ReadOnlySpan<StepLatency> steps, ReadOnlySpan<double> weights, double quantile)
    {
        MmcQueue.ValidateQuantile(quantile);
        var mixture = Create(steps, weights, out var unboundedWeight);
        if (!(mixture.Total > 0))
        {
            return null;
        }

        var unboundedShare = unboundedWeight / mixture.Total;
        if (unboundedShare >= 1.0 - quantile)
        {
            return double.PositiveInfinity;
        }

        // The bounded part must reach quantile q' = 1 − (1 − q − u)/(1 − u); the largest of its
        // components' upper bounds at q' bounds the mixture's quantile.
        var boundedQuantile = 1.0 - ((1.0 - quantile - unboundedShare) / (1.0 - unboundedShare));
        boundedQuantile = Math.Min(Math.Max(boundedQuantile, quantile), 1.0 - 1e-300);
        var hi = 0.0;
        for (var i = 0; i < steps.Length; i++)
        {
            if (weights[i] > 0 && !steps[i].IsUnbounded)
            {
                hi = Math.Max(hi, steps[i].QuantileUpperBound(boundedQuantile));
            }
        }

        return QuantileSolver.Solve(ref mixture, quantile, hi);
    }

    private static Mixture Create(ReadOnlySpan<StepLatency> steps, ReadOnlySpan<double> weights, out double unboundedWeight)
    {
        if (steps.Length != weights.Length)
        {
            throw new ArgumentException($"{steps.Length} steps but {weights.Length} weights", nameof(weights));
        }

        var total = 0.0;
        unboundedWeight = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentOutOfRangeException(nameof(weights), w, $"weight {i} must be finite and ≥ 0");
            }

            total += w;
            if (w > 0 && steps[i].IsUnbounded)
            {
                unboundedWeight += w;
            }
        }

        return new Mixture(steps, weights, total);
    }

    private readonly ref struct Mixture(ReadOnlySpan<StepLatency> steps, ReadOnlySpan<double> weights, double total) : ISurvival
    {
        private readonly ReadOnlySpan<StepLatency> _steps = steps;
        private readonly ReadOnlySpan<double> _weights = weights;

        public double Total { get; } = total;

        public double Evaluate(double seconds, out double density)
        {
            var survival = 0.0;
            density = 0.0;
            for (var i = 0; i < _steps.Length; i++)
            {
                var w = _weights[i];
                if (w > 0)
                {
                    survival += w * _steps[i].Evaluate(seconds, out var stepDensity);
                    density += w * stepDensity;
                }
            }

            density /= Total;
            return survival / Total;
        }
    }
}
