using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class ErlangCTests
{
    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(0.9, 1.0)]
    [InlineData(3.0, 10.0)]
    public void WaitProbability_SingleServer_EqualsUtilisation(double lambda, double mu) =>
        Assert.Equal(lambda / mu, ErlangC.WaitProbability(1, lambda, mu), 12);

    [Fact]
    public void WaitProbability_TwoServersUnitLoad_IsOneThird() =>
        Assert.Equal(1.0 / 3.0, ErlangC.WaitProbability(2, 1.0, 1.0), 12);

    [Fact]
    public void WaitProbability_FiveServersLoadFour_IsTextbookValue()
    {
        // Textbook: c = 5, a = 4 gives Pw ≈ 0.5541.
        Assert.Equal(0.5541, ErlangC.WaitProbability(5, 4.0, 1.0), 4);
        Assert.Equal(ReferenceQueueing.ErlangCByFactorials(5, 4.0, 1.0), ErlangC.WaitProbability(5, 4.0, 1.0), 12);
    }

    [Theory]
    [InlineData(3, 2.0, 1.0)]
    [InlineData(4, 60.0, 20.0)]
    [InlineData(10, 8.0, 1.0)]
    [InlineData(20, 30.0, 2.0)]
    [InlineData(8, 0.1, 1.0)]
    public void WaitProbability_SeveralQueues_MatchesFactorialFormula(int c, double lambda, double mu) =>
        Assert.Equal(ReferenceQueueing.ErlangCByFactorials(c, lambda, mu), ErlangC.WaitProbability(c, lambda, mu), 11);

    [Fact]
    public void WaitProbability_ThousandServers_StaysStableAndMatchesLogSpaceFormula()
    {
        var pw = ErlangC.WaitProbability(1000, 980.0, 1.0);
        Assert.InRange(pw, 0.0, 1.0);
        Assert.Equal(ReferenceQueueing.ErlangCByFactorials(1000, 980.0, 1.0), pw, 9);
    }

    [Theory]
    [InlineData(1, 1.0, 1.0)]
    [InlineData(4, 100.0, 20.0)]
    public void WaitProbability_Unstable_IsOne(int c, double lambda, double mu) =>
        Assert.Equal(1.0, ErlangC.WaitProbability(c, lambda, mu));

    [Fact]
    public void WaitProbability_NoArrivals_IsZero() =>
        Assert.Equal(0.0, ErlangC.WaitProbability(4, 0.0, 1.0));

    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(18.0, 20.0)]
    public void MeanWait_SingleServer_MatchesClosedForm(double lambda, double mu)
    {
        // M/M/1: E[W] = ρ/(μ − λ), E[T] = 1/(μ − λ).
        Assert.Equal(lambda / mu / (mu - lambda), ErlangC.MeanWait(1, lambda, mu), 10);
        Assert.Equal(1.0 / (mu - lambda), ErlangC.MeanResponseTime(1, lambda, mu), 10);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void ResponseTimeQuantile_SingleServer_MatchesClosedForm(double rho)
    {
        // M/M/1 response time is Exp(μ − λ): p99 = ln(100)/(μ − λ).
        const double mu = 20.0;
        var expected = Math.Log(100) / (mu - (rho * mu));
        var actual = ErlangC.ResponseTimeQuantile(1, rho * mu, mu, 0.99);
        Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"p99 {actual} vs {expected}");
    }

    [Theory]
    [InlineData(4, 3.0, 1.0)]
    [InlineData(8, 140.0, 20.0)]
    [InlineData(2, 1.9, 1.0)]
    public void ResponseTimeSurvival_MultiServer_MatchesNumericConvolution(int c, double lambda, double mu)
    {
        var pw = ReferenceQueueing.ErlangCByFactorials(c, lambda, mu);
        var theta = (c * mu) - lambda;
        foreach (var t in new[] { 0.01 / mu, 0.5 / mu, 2.0 / mu, 8.0 / mu, 30.0 / mu })
        {
            var expected = ReferenceQueueing.ResponseSurvivalByIntegration(pw, theta, mu, t);
            Assert.Equal(expected, ErlangC.ResponseTimeSurvival(c, lambda, mu, t), 9);
        }
    }

    [Fact]
    public void ResponseTimeSurvival_DrainRateEqualsServiceRate_UsesErlangTwoLimit()
    {
        // c = 2, λ = 1, μ = 1: θ = cμ − λ = 1 = μ, Pw = 1/3; W + S for waiters is Erlang-2.
        foreach (var t in new[] { 0.1, 1.0, 4.0, 20.0 })
        {
            var expected = ((2.0 / 3.0) * Math.Exp(-t)) + ((1.0 / 3.0) * (1 + t) * Math.Exp(-t));
            Assert.Equal(expected, ErlangC.ResponseTimeSurvival(2, 1.0, 1.0, t), 13);
            Assert.Equal(expected, ErlangC.ResponseTimeSurvival(2, 1.0 + 1e-9, 1.0, t), 8);
            Assert.Equal(expected, ErlangC.ResponseTimeSurvival(2, 1.0 - 1e-9, 1.0, t), 8);
        }
    }

    [Theory]
    [InlineData(4, 0.8, 11)]
    [InlineData(2, 0.7, 12)]
    [InlineData(16, 0.9, 13)]
    public void ResponseTimeQuantile_MultiServer_MatchesMonteCarlo(int c, double rho, int seed)
    {
        const double mu = 1.0;
        var lambda = rho * c * mu;
        var samples = ReferenceQueueing.SimulateResponseTimes(c, lambda, mu, requests: 400_000, warmUp: 20_000, seed);
        var simulated = ReferenceQueueing.EmpiricalQuantile(samples, 0.99);
        var model = ErlangC.ResponseTimeQuantile(c, lambda, mu, 0.99);
        Assert.True(Math.Abs(simulated - model) <= 0.05 * model, $"model p99 {model}, simulated {simulated}");
    }

    [Fact]
    public void ResponseTimeQuantile_Unstable_IsInfinite()
    {
        Assert.Equal(double.PositiveInfinity, ErlangC.ResponseTimeQuantile(4, 80.0, 20.0, 0.99));
        Assert.Equal(double.PositiveInfinity, ErlangC.MeanWait(4, 90.0, 20.0));
        Assert.Equal(1.0, ErlangC.ResponseTimeSurvival(4, 90.0, 20.0, 1e6));
    }

    [Fact]
    public void ResponseTimeQuantile_MoreLoad_NeverFaster()
    {
        foreach (var c in new[] { 1, 2, 4, 8, 32, 200 })
        {
            var previous = 0.0;
            for (var rho = 0.0; rho < 0.995; rho += 0.005)
            {
                var p99 = ErlangC.ResponseTimeQuantile(c, rho * c * 20.0, 20.0, 0.99);
                Assert.True(p99 >= previous * (1 - 1e-9), $"c={c} ρ={rho}: p99 {p99} < {previous}");
                previous = p99;
            }
        }
    }

    [Theory]
    [InlineData(1, 0.5, 0.99)]
    [InlineData(4, 0.8, 0.99)]
    [InlineData(16, 0.95, 0.999)]
    [InlineData(3, 0.3, 0.5)]
    public void ResponseTimeQuantile_AnyQueue_InvertsSurvival(int c, double rho, double q)
    {
        var lambda = rho * c * 20.0;
        var t = ErlangC.ResponseTimeQuantile(c, lambda, 20.0, q);
        Assert.Equal(1 - q, ErlangC.ResponseTimeSurvival(c, lambda, 20.0, t), 10);
    }
}
