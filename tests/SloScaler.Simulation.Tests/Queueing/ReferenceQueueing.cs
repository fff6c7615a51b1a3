namespace SloScaler.Simulation.Tests.Queueing;

/// <summary>
/// Independent reference computations for the tests: textbook formulas written the long way
/// (factorials, numeric integration, an event-by-event simulation), sharing no code with the
/// model under test.
/// </summary>
internal static class ReferenceQueueing
{
    /// <summary>Erlang C from the factorial formula, summed in log space so large c cannot overflow.</summary>
    public static double ErlangCByFactorials(int c, double lambda, double mu)
    {
        var a = lambda / mu;
        var logTerms = new double[c + 1];
        var logFactorial = 0.0;
        for (var k = 0; k <= c; k++)
        {
            if (k > 0)
            {
                logFactorial += Math.Log(k);
            }

            logTerms[k] = (k * Math.Log(a)) - logFactorial;
        }

        var logTop = logTerms[c] + Math.Log(c / (c - a));
        var max = Math.Max(logTop, logTerms.Take(c).Max());
        var sum = logTerms.Take(c).Sum(t => Math.Exp(t - max));
        var top = Math.Exp(logTop - max);
        return top / (sum + top);
    }

    /// <summary>
    /// P(W + S &gt; t) by Simpson's rule: P(W &gt; t) + (1 − Pw)·e^(−μt) + ∫₀ᵗ Pw·θe^(−θw)·e^(−μ(t−w)) dw.
    /// </summary>
    public static double ResponseSurvivalByIntegration(double pw, double theta, double mu, double t, int intervals = 4000)
    {
        double Density(double w) => pw * theta * Math.Exp(-theta * w) * Math.Exp(-mu * (t - w));
        var h = t / intervals;
        var sum = Density(0) + Density(t);
        for (var i = 1; i < intervals; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Density(i * h);
        }

        return (pw * Math.Exp(-theta * t)) + ((1 - pw) * Math.Exp(-mu * t)) + (sum * h / 3);
    }

    /// <summary>Response times of an FCFS M/M/c queue simulated request by request (after a warm-up).</summary>
    public static double[] SimulateResponseTimes(int c, double lambda, double mu, int requests, int warmUp, int seed)
    {
        var random = new Random(seed);
        double Exponential(double rate) => -Math.Log(1.0 - random.NextDouble()) / rate;
        var free = new double[c];
        var responses = new double[requests];
        var now = 0.0;
        for (var i = -warmUp; i < requests; i++)
        {
            now += Exponential(lambda);
            var server = 0;
            for (var s = 1; s < c; s++)
            {
                if (free[s] < free[server])
                {
                    server = s;
                }
            }

            var finish = Math.Max(now, free[server]) + Exponential(mu);
            free[server] = finish;
            if (i >= 0)
            {
                responses[i] = finish - now;
            }
        }

        return responses;
    }

    /// <summary>The empirical quantile (nearest rank) of <paramref name="samples"/>.</summary>
    public static double EmpiricalQuantile(double[] samples, double q)
    {
        var sorted = (double[])samples.Clone();
        Array.Sort(sorted);
        return sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
    }

    /// <summary>Solves f(t) = target for a decreasing f by plain bisection on [lo, hi].</summary>
    public static double Bisect(Func<double, double> decreasing, double target, double lo, double hi)
    {
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (decreasing(mid) > target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
