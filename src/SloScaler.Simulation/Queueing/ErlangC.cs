namespace SloScaler.Simulation.Queueing;

/// <summary>
/// Steady-state M/M/c formulas by (c, λ, μ): c servers, λ arrivals/s, μ completions/s per busy
/// server. A thin façade over <see cref="MmcQueue"/>, where the formulas are documented.
/// Unstable queues (λ ≥ cμ) give +∞ for every time figure.
/// </summary>
public static class ErlangC
{
    /// <summary>Pw = P(W &gt; 0) = c·B / (c − a(1 − B)), a = λ/μ, B the Erlang B recursion; 1 when unstable.</summary>
    public static double WaitProbability(int servers, double arrivalRate, double serviceRate) =>
        new MmcQueue(servers, arrivalRate, serviceRate).WaitProbability;

    /// <summary>E[W] = Pw / (cμ − λ) seconds.</summary>
    public static double MeanWait(int servers, double arrivalRate, double serviceRate) =>
        new MmcQueue(servers, arrivalRate, serviceRate).MeanWait;

    /// <summary>E[T] = E[W] + 1/μ seconds.</summary>
    public static double MeanResponseTime(int servers, double arrivalRate, double serviceRate) =>
        new MmcQueue(servers, arrivalRate, serviceRate).MeanResponseTime;

    /// <summary>P(T &gt; t) = P(W + S &gt; t), t in seconds.</summary>
    public static double ResponseTimeSurvival(int servers, double arrivalRate, double serviceRate, double seconds) =>
        new MmcQueue(servers, arrivalRate, serviceRate).Survival(seconds);

    /// <summary>The response-time quantile in seconds (e.g. 0.99 for the p99), ~1e-10 relative.</summary>
    public static double ResponseTimeQuantile(int servers, double arrivalRate, double serviceRate, double quantile) =>
        new MmcQueue(servers, arrivalRate, serviceRate).Quantile(quantile);
}
