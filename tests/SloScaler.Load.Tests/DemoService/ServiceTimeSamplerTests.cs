using SloScaler.DemoService;

namespace SloScaler.Load.Tests.DemoService;

public sealed class ServiceTimeSamplerTests
{
    [Theory]
    [InlineData(ServiceTimeDistribution.Exponential, 1.0)]
    [InlineData(ServiceTimeDistribution.Fixed, 0.0)]
    [InlineData(ServiceTimeDistribution.LogNormal, 0.533)] // √(e^σ² − 1) for σ = 0.5
    public void Next_HasTheConfiguredMeanAndSpread(ServiceTimeDistribution distribution, double coefficientOfVariation)
    {
        var sampler = new ServiceTimeSampler(new DemoOptions { Distribution = distribution, MeanServiceTime = TimeSpan.FromMilliseconds(50), Sigma = 0.5, Seed = 3 });
        var draws = Enumerable.Range(0, 40_000).Select(_ => sampler.Next().TotalSeconds).ToArray();
        var mean = draws.Average();
        var sd = Math.Sqrt(draws.Select(d => (d - mean) * (d - mean)).Average());

        Assert.InRange(mean, 0.050 * 0.98, 0.050 * 1.02);
        Assert.InRange(sd / mean, coefficientOfVariation - 0.03, coefficientOfVariation + 0.03);
    }

    [Fact]
    public void Next_SameSeed_SameServiceTimes()
    {
        var options = new DemoOptions { Seed = 9 };
        var a = new ServiceTimeSampler(options);
        var b = new ServiceTimeSampler(options);

        Assert.Equal(Enumerable.Range(0, 50).Select(_ => a.Next()), Enumerable.Range(0, 50).Select(_ => b.Next()));
    }
}
