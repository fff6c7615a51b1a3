using System.Text.Json;
using Spectre.Console;
using SloScaler.Operator.Cli;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Operator.Tests.Cli;

public sealed class SimulationOutputTests
{
    private static readonly Lazy<ScenarioResult> FlashCrowd = new(() => ScenarioRunner.Run(ScenarioCatalog.Find(BuiltInTraces.FlashCrowdName, 8)!));
    private static readonly Lazy<ScenarioResult> Spiky = new(() => ScenarioRunner.Run(ScenarioCatalog.Find(BuiltInTraces.SpikyName, 8)!));

    [Fact]
    public void WriteJson_Scenario_HasTheDocumentedShape()
    {
        var result = ScenarioRunner.Run(ScenarioCatalog.Find("flash-crowd", 8)!);
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
        var verdict = SimulationOutput.Verdict(ScenarioRunner.Run(ScenarioCatalog.Find("flash-crowd", 8)!));
        Assert.StartsWith("Verdict: elastic met the SLO", verdict, StringComparison.Ordinal);
        Assert.Contains("manual sized for the peak", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTables_Redirected_PrintsTheQualityBarAfterEachVerdictAndASummary()
    {
        var text = new StringWriter();
        SimulationOutput.WriteTables([FlashCrowd.Value, Spiky.Value], AnsiConsole.Console, plain: text);

        var lines = text.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var bars = lines.Select((l, i) => (Line: l, Index: i)).Where(l => l.Line.StartsWith("Quality bar:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, bars.Count);
        Assert.All(bars.Take(2), b => Assert.StartsWith("Verdict:", lines[b.Index - 1], StringComparison.Ordinal));
        Assert.Matches("^Quality bar: (met|MISSED) \u2014 [\u2713\u2717] longest miss ", bars[0].Line);
        Assert.Contains("(startup 60s + 2 \u00d7 15s + 1m window)", bars[0].Line, StringComparison.Ordinal);
        Assert.Equal("Quality bar: none (informational scenario)", bars[1].Line);
        Assert.Equal(lines.Last(l => l.Length > 0), bars[2].Line);
        Assert.Matches("^Quality bar: met on [01] of 1 scenarios", bars[2].Line);
    }

    [Fact]
    public void WriteTables_Terminal_PrintsTheQualityBarToo()
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 400; // Spectre wraps at the terminal's width, 80 when there is none

        SimulationOutput.WriteTables([FlashCrowd.Value], console, plain: null);

        Assert.Contains(SimulationOutput.BarLine(QualityBar.Evaluate(FlashCrowd.Value)), text.ToString(), StringComparison.Ordinal);
        Assert.Contains(SimulationOutput.BarSummary([FlashCrowd.Value]), text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BarLine_MissedCheck_SaysMissedAndMarksIt()
    {
        var missed = FlashCrowd.Value with
        {
            Strategies = [.. FlashCrowd.Value.Strategies.Select(s => s.Name == "elastic" ? s with { LongestViolationSeconds = 3600 } : s)],
        };

        var line = SimulationOutput.BarLine(QualityBar.Evaluate(missed));

        Assert.StartsWith("Quality bar: MISSED \u2014 \u2717 longest miss 3600s \u2264 150s", line, StringComparison.Ordinal);
        Assert.Equal("Quality bar: met on 0 of 1 scenarios (missed: flash-crowd)", SimulationOutput.BarSummary([missed, Spiky.Value]));
    }

    [Fact]
    public void WriteJson_Scenario_HasItsQualityBar()
    {
        var text = new StringWriter();
        SimulationOutput.WriteJson([FlashCrowd.Value, Spiky.Value], text);
        using var doc = JsonDocument.Parse(text.ToString());
        var scenarios = doc.RootElement.GetProperty("scenarios");

        var bar = scenarios[0].GetProperty("qualityBar");
        Assert.Equal(QualityBar.Evaluate(FlashCrowd.Value).Met, bar.GetProperty("met").GetBoolean());
        var checks = bar.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["longest-miss", "longest-miss-vs-hpa", "pod-hours-vs-oracle"], checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks, c =>
        {
            Assert.Contains(c.GetProperty("met").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.True(c.GetProperty("actual").GetDouble() >= 0);
            Assert.True(c.GetProperty("limit").GetDouble() > 0);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("text").GetString()));
        });
        Assert.Equal(150, checks[0].GetProperty("limit").GetDouble());

        var none = scenarios[1].GetProperty("qualityBar");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("met").ValueKind);
        Assert.Empty(none.GetProperty("checks").EnumerateArray());
    }
}
