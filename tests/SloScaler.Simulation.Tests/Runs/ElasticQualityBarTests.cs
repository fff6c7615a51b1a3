using SloScaler.Simulation.Runs;

namespace SloScaler.Simulation.Tests.Runs;

/// <summary>
/// The quality bar, held on every scenario where elastic meets it today, so that a change to the
/// engine that loses it fails here. (noisy misses it; the closing notes say why.)
/// </summary>
public sealed class ElasticQualityBarTests
{
    [Theory]
    [InlineData("diurnal")]
    [InlineData("ramp")]
    [InlineData("flash-crowd")]
    [InlineData("optimistic-capacity")]
    [InlineData("worldcup98")]
    [InlineData("wikipedia")]
    public void Run_Scenario_ElasticMeetsTheQualityBar(string name)
    {
        var bar = QualityBar.Evaluate(ScenarioRunner.Run(Scenarios.Find(name)!));
        Assert.True(bar.Met == true, string.Join("; ", bar.Checks.Select(c => (c.Met ? "met: " : "MISSED: ") + c.Text)));
    }
}
