namespace SloScaler.Simulation.Queueing;

/// <summary>
/// The steady state of one FCFS M/M/c queue: Poisson arrivals at rate λ, c servers (a replica's
/// worker slots), exponential service at rate μ each (mean service time 1/μ). Times in seconds.
/// <list type="bullet">
/// <item>Offered load a = λ/μ, utilisation ρ = λ/(cμ); stable iff λ &lt; cμ.</item>
/// <item>Erlang B by the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) (no factorials,
/// stable for thousands of servers).</item>
/// <item>Erlang C, the waiting probability: Pw = P(W &gt; 0) = c·B(c) / (c − a·(1 − B(c))).</item>
/// <item>Given that it waits, the wait is Exp(θ) with the drain rate θ = cμ − λ, so the mean wait
/// is E[W] = Pw/θ and the mean response time E[T] = E[W] + 1/μ.</item>
/// <item>Response time T = W + S with S ~ Exp(μ) independent of W:
/// P(T &gt; t) = (1 − Pw)·e^(−μt) + Pw·P(Exp(θ) + Exp(μ) &gt; t), the second term from
/// <see cref="Hypoexponential"/>, which is exact when θ = μ.</item>
/// <item>Unstable (λ ≥ cμ): no steady state; every response-time figure is +∞ and Pw = 1.</item>
/// </list>
/// </summary>
public readonly record struct MmcQueue : ISurvival
{
    public MmcQueue(int servers, double arrivalRate, double serviceRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        if (!(arrivalRate >= 0) || double.IsInfinity(arrivalRate))
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalRate), arrivalRate, "the arrival rate must be finite and ≥ 0");
        }

        if (!(serviceRate > 0) || double.IsInfinity(serviceRate))
        {
            throw new ArgumentOutOfRangeException(nameof(serviceRate), serviceRate, "the service rate must be finite and > 0");
        }

        Servers = servers;
        ArrivalRate = arrivalRate;
        ServiceRate = serviceRate;
        WaitProbability = ErlangCProbability(servers, arrivalRate / serviceRate);
    }

    /// <summary>c, the number of parallel servers.</summary>
    public int Servers { get; }

    /// <summary>λ, arrivals per second.</summary>
    public double ArrivalRate { get; }

    /// <summary>μ, completions per second of one busy server.</summary>
    public double ServiceRate { get; }

    /// <summary>Pw = P(W &gt; 0), the Erlang C formula; 1 when unstable.</summary>
    public double WaitProbability { get; }

    /// <summary>ρ = λ / (cμ).</summary>
    public double Utilisation => ArrivalRate / (Servers * ServiceRate);

    /// <summary>λ &lt; cμ.</summary>
    public bool IsStable => ArrivalRate < Servers * ServiceRate;

    /// <summary>θ = cμ − λ, the rate of the exponential wait of a request that waits.</summary>
    public double DrainRate => (Servers * ServiceRate) - ArrivalRate;

    /// <summary>E[W] = Pw / θ seconds; +∞ when unstable.</summary>
    public double MeanWait => IsStable ? WaitProbability / DrainRate : double.PositiveInfinity;

    /// <summary>E[T] = E[W] + 1/μ seconds; +∞ when unstable.</summary>
    public double MeanResponseTime => MeanWait + (1.0 / ServiceRate);

    /// <summary>P(T &gt; t) for the steady-state response time, t in seconds; 1 when unstable.</summary>
    public double Survival(double seconds) => Evaluate(seconds, out _, out _);

    double ISurvival.Evaluate(double seconds, out double density) => Evaluate(seconds, out density, out _);

    /// <summary>The response-time <paramref name="quantile"/> (e.g. 0.99) in seconds; +∞ when unstable.</summary>
    public double Quantile(double quantile)
    {
        ValidateQuantile(quantile);
        if (!IsStable)
        {
            return double.PositiveInfinity;
        }

        if (WaitProbability == 0)
        {
            return -Math.Log(1.0 - quantile) / ServiceRate;
        }

        var self = this;
        return QuantileSolver.Solve(ref self, quantile, QuantileUpperBound(quantile));
    }

    /// <summary>
    /// P(T &gt; x), the density at x and the tail integral ∫_x^∞ P(T &gt; u) du (for x &lt; 0:
    /// 1, 0 and E[T] − x, as if T were shifted right). Two exponentials per call.
    /// </summary>
    internal double Evaluate(double x, out double density, out double tail)
    {
        if (!IsStable)
        {
            density = 0;
            tail = double.PositiveInfinity;
            return 1.0;
        }

        if (x < 0)
        {
            density = 0;
            tail = MeanResponseTime - x;
            return 1.0;
        }

        if (WaitProbability == 0)
        {
            var e = Math.Exp(-ServiceRate * x);
            density = ServiceRate * e;
            tail = e / ServiceRate;
            return e;
        }

        Hypoexponential.Evaluate(ServiceRate, DrainRate, x, out var waitedSurvival, out var waitedDensity, out var waitedTail, out var serviceOnly);
        var direct = 1.0 - WaitProbability;
        density = (direct * ServiceRate * serviceOnly) + (WaitProbability * waitedDensity);
        tail = (direct * serviceOnly / ServiceRate) + (WaitProbability * waitedTail);
        return (direct * serviceOnly) + (WaitProbability * waitedSurvival);
    }

    /// <summary>
    /// A t with P(T &gt; t) ≤ 1 − q (stable queue): P(T &gt; t) ≤ P(Exp(θ) + Exp(μ) &gt; t)
    /// ≤ e^(−a·t)(1 + a·t) ≤ 2e^(−1/2)·e^(−a·t/2) with a = min(μ, θ).
    /// </summary>
    internal double QuantileUpperBound(double quantile)
    {
        var slowest = WaitProbability == 0 ? ServiceRate : Math.Min(ServiceRate, DrainRate);
        return 2.0 * Math.Log(1.2131 / (1.0 - quantile)) / slowest;
    }

    internal static void ValidateQuantile(double quantile)
    {
        if (!(quantile > 0 && quantile < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "the quantile must be in (0, 1), e.g. 0.99");
        }
    }

    private static double ErlangCProbability(int servers, double offeredLoad)
    {
        if (offeredLoad >= servers)
        {
            return 1.0;
        }

        var erlangB = 1.0;
        for (var k = 1; k <= servers; k++)
        {
            erlangB = offeredLoad * erlangB / (k + (offeredLoad * erlangB));
        }

        return servers * erlangB / (servers - (offeredLoad * (1.0 - erlangB)));
    }
}
