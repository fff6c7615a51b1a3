using Microsoft.Extensions.Configuration;
using SloScaler.DemoService;

namespace SloScaler.Load.Tests.DemoService;

public sealed class DemoOptionsTests
{
    [Fact]
    public void From_ReadsEveryKeyAndFlagsWinOverEnvironment()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["workers"] = "2", ["meanMs"] = "80" }) // as DEMO_* variables
            .AddCommandLine(["--workers", "6", "--distribution", "lognormal", "--sigma", "0.8", "--seed", "17"])
            .Build();

        var options = DemoOptions.From(configuration);

        Assert.Equal(new DemoOptions { Workers = 6, Distribution = ServiceTimeDistribution.LogNormal, MeanServiceTime = TimeSpan.FromMilliseconds(80), Sigma = 0.8, Seed = 17 }, options);
    }

    [Fact]
    public void From_ZeroWorkers_IsRefused()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--workers", "0"]).Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => DemoOptions.From(configuration));
    }
}
