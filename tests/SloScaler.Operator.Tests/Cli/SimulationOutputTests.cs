using System.Text.Json;
using SloScaler.Operator.Cli;
using SloScaler.Simulation.Runs;

namespace SloScaler.Operator.Tests.Cli;

public sealed class SimulationOutputTests
{
    [Fact]
    public void WriteJson_Scenario_HasTheDocumentedShape()
    {
        var result = ScenarioRunner.Run(Scenarios.Find("flash-crowd", 8)!);
        var text = new StringWriter();
        SimulationOutput.WriteJson([result], text);
        using var doc = JsonDocument.Parse(text.ToString());
        var scenario = doc.RootElement.GetProperty("scenarios")[0];
        Assert.Equal("flash-crowd", scenario.GetProperty("name").GetString());
        Assert.Equal(7200, scenario.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(0.25, scenario.GetProperty("objectiveSeconds").GetDouble());
        var names = scenario.GetProperty("strategies").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(["elastic", "hpa", "manual-peak", "manual-median", "oracle"], names);
        foreach (var s in scenario.GetProperty("strategies").EnumerateArray())
        {
            Assert.InRange(s.GetProperty("attainment").GetDouble(), 0, 1);
            foreach (var field in new[] { "longestViolationSeconds", "worstLatencySeconds", "podHours", "scaleEvents", "maxReplicas" })
                Assert.True(s.GetProperty(field).GetDouble() >= 0, field);
        }
    }

    [Fact]
    public void Verdict_ContrastsElasticWithManual()
    {
        var verdict = SimulationOutput.Verdict(ScenarioRunner.Run(Scenarios.Find("flash-crowd", 8)!));
        Assert.StartsWith("Verdict: elastic met the SLO", verdict, StringComparison.Ordinal);
        Assert.Contains("manual sized for the peak", verdict, StringComparison.Ordinal);
    }
}
