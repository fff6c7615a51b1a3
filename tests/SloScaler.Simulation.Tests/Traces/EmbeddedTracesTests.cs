using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Traces;

public sealed class EmbeddedTracesTests
{
    // From the shared traces README: step, length and min / median / max rps.
    [Theory]
    [InlineData("wikipedia", 3600, 28, 2979.7, 4314.7, 6196.1)]
    [InlineData("worldcup98", 60, 7, 34.5, 231.7, 2142.8)]
    public void Find_EmbeddedTrace_HasTheDocumentedShape(string name, int stepSeconds, int days, double min, double median, double max)
    {
        var trace = EmbeddedTraces.Find(name);
        Assert.NotNull(trace);
        Assert.Equal(TimeSpan.FromSeconds(stepSeconds), trace.Step);
        Assert.Equal(TimeSpan.FromDays(days), trace.Duration);
        Assert.Equal(min, trace.Min, 0.051);
        Assert.Equal(median, trace.Median, 0.051);
        Assert.Equal(max, trace.Peak, 0.051);
    }

    [Fact]
    public void WorldCup98_Peak_IsAtTheEndOfTheOpeningMatch()
    {
        var trace = EmbeddedTraces.WorldCup98;
        Assert.Equal(trace.Peak, trace.RateAt(TimeSpan.FromSeconds(408_360)));
    }
}
