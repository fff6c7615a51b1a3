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
        var text = new StringWriter();
        SimulationOutput.WriteJson([FlashCrowd.Value], text);
        using var doc = JsonDocument.Parse(text.ToString());
        var scenario = doc.RootElement.GetProperty("scenarios")[0];
        Assert.Equal("flash-crowd", scenario.GetProperty("name").GetString());
        Assert.Equal(7200, scenario.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(0.25, scenario.GetProperty("objectiveSeconds").GetDouble());
        var declared = scenario.GetProperty("declaredTargetPerReplica").GetDouble();
        Assert.Equal(declared, scenario.GetProperty("hpaTargetPerReplica").GetDouble());
        var cost = scenario.GetProperty("costAtEqualSlo");
        Assert.Equal(Math.Round(FlashCrowd.Value.CostAtEqualSlo("hpa-tuned"), 4), cost.GetProperty("vsHpaTuned").GetDouble());
        Assert.Equal(Math.Round(FlashCrowd.Value.CostAtEqualSlo("manual-tuned"), 4), cost.GetProperty("vsManualTuned").GetDouble());
        Assert.Equal("team-target-vs-hpa-tuned", scenario.GetProperty("teamTarget").GetProperty("name").GetString());

        var strategies = scenario.GetProperty("strategies").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(["elastic", "hpa", "hpa-tuned", "manual-peak", "manual-median", "manual-tuned", "oracle"], strategies.Keys);
        foreach (var s in strategies.Values)
        {
            Assert.InRange(s.GetProperty("attainment").GetDouble(), 0, 1);
            Assert.InRange(s.GetProperty("requestAttainment").GetDouble(), 0, 1);
            foreach (var field in new[]
            {
                "longestViolationSeconds", "worstLatencySeconds", "podHours", "scaleEvents", "maxReplicas", "scaleEventsPerDay",
                "accuracyUnder", "accuracyOver", "timeshareUnder", "timeshareOver", "instability",
            })
            {
                Assert.True(s.GetProperty(field).GetDouble() >= 0, field);
            }
        }

        Assert.Equal(declared, strategies["hpa"].GetProperty("targetPerReplica").GetDouble());
        Assert.Equal(JsonValueKind.Null, strategies["elastic"].GetProperty("targetPerReplica").ValueKind);
        var tuning = strategies["hpa-tuned"].GetProperty("tuning");
        Assert.Equal(strategies["elastic"].GetProperty("attainment").GetDouble(), tuning.GetProperty("goal").GetDouble());
        Assert.InRange(tuning.GetProperty("settingFraction").GetDouble(), 0.1, 1.0);
        Assert.Equal(tuning.GetProperty("setting").GetDouble(), strategies["hpa-tuned"].GetProperty("targetPerReplica").GetDouble());
        Assert.Equal(strategies["manual-tuned"].GetProperty("maxReplicas").GetDouble(), strategies["manual-tuned"].GetProperty("tuning").GetProperty("setting").GetDouble());
        Assert.Equal(0, strategies["oracle"].GetProperty("accuracyUnder").GetDouble());
        Assert.Equal(0, strategies["oracle"].GetProperty("timeshareOver").GetDouble());
    }

    [Fact]
    public void Verdict_ContrastsElasticWithManual()
    {
        var verdict = SimulationOutput.Verdict(ScenarioRunner.Run(ScenarioCatalog.Find("flash-crowd", 8)!));
        Assert.StartsWith("Verdict: elastic met the SLO", verdict, StringComparison.Ordinal);
        Assert.Contains("manual sized for the peak", verdict, StringComparison.Ordinal);
        Assert.Contains("cost at equal SLO ", verdict, StringComparison.Ordinal);
        Assert.Contains("\u00d7 hpa-tuned (target ", verdict, StringComparison.Ordinal);
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
        Assert.Matches("^Quality bar: (met|MISSED) \u2014 [\u2713\u2717] cost at equal SLO ", bars[1].Line);
        Assert.Matches("^Quality bar: met on [012] of 2 scenarios", bars[2].Line);
        Assert.Equal(SimulationOutput.TeamTargetSummary([FlashCrowd.Value, Spiky.Value]), lines.Last(l => l.Length > 0));
    }

    [Theory]
    [InlineData(1.0, "100.00%")]
    [InlineData(0.99999, "99.99%")]
    [InlineData(0.999949, "99.99%")]
    [InlineData(0.5, "50.00%")]
    public void Attainment_RoundsDown_So100OnlyWhenNothingWasMissed(double fraction, string shown)
    {
        Assert.Equal(shown, SimulationOutput.Attainment(fraction));
    }

    [Fact]
    public void WriteTables_Redirected_StatesEachStrategysSettingAndBothAttainments()
    {
        var text = new StringWriter();
        SimulationOutput.WriteTables([FlashCrowd.Value], AnsiConsole.Console, plain: text);
        var lines = text.ToString().Split('\n');

        Assert.Contains(lines, l => l.StartsWith("strategy", StringComparison.Ordinal) && l.Contains("requests", StringComparison.Ordinal) && l.Contains("scales/day", StringComparison.Ordinal));
        var hpaTuned = FlashCrowd.Value["hpa-tuned"];
        Assert.Contains(lines, l => l.StartsWith("hpa-tuned", StringComparison.Ordinal) && l.Contains(SimulationOutput.Setting(FlashCrowd.Value, hpaTuned), StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("hpa ", StringComparison.Ordinal) && l.Contains("(100%)", StringComparison.Ordinal));
        Assert.Contains("hpa target 48.5", lines[0], StringComparison.Ordinal);
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
        Assert.Equal("Quality bar: met on 0 of 1 scenarios (missed: flash-crowd)", SimulationOutput.BarSummary([missed]));
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
        Assert.Equal(["longest-miss", "longest-miss-vs-hpa", "pod-hours-vs-oracle", "cost-vs-hpa-tuned", "cost-vs-manual-tuned"], checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks, c =>
        {
            Assert.Contains(c.GetProperty("met").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
            Assert.True(c.GetProperty("actual").GetDouble() >= 0);
            Assert.True(c.GetProperty("limit").GetDouble() > 0);
            Assert.False(string.IsNullOrEmpty(c.GetProperty("text").GetString()));
        });
        Assert.Equal(150, checks[0].GetProperty("limit").GetDouble());

        var spiky = scenarios[1].GetProperty("qualityBar");
        Assert.Equal(QualityBar.Evaluate(Spiky.Value).Met, spiky.GetProperty("met").GetBoolean());
        Assert.Equal(["cost-vs-hpa-tuned", "cost-vs-manual-tuned"], spiky.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public void WriteJson_Explain_StaysValidJsonWithTheChangesInsideTheirScenario()
    {
        var text = new StringWriter();
        SimulationOutput.WriteJson([FlashCrowd.Value], text, explain: "elastic");
        using var doc = JsonDocument.Parse(text.ToString());

        var explain = doc.RootElement.GetProperty("scenarios")[0].GetProperty("explain");
        Assert.Equal("elastic", explain.GetProperty("strategy").GetString());
        Assert.Equal(FlashCrowd.Value["elastic"].Changes.Count, explain.GetProperty("changes").GetArrayLength());
        Assert.Equal(FlashCrowd.Value["elastic"].Changes[0].Reason, explain.GetProperty("changes")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void WriteTables_Explain_PrintsTheChangesUnderTheirScenario()
    {
        var text = new StringWriter();
        SimulationOutput.WriteTables([FlashCrowd.Value, Spiky.Value], AnsiConsole.Console, plain: text, explain: "hpa");

        var output = text.ToString();
        var first = SimulationOutput.ExplainLine(FlashCrowd.Value["hpa"].Changes[0]);
        var spikyHeader = output.IndexOf("spiky:", StringComparison.Ordinal);
        Assert.InRange(output.IndexOf(first, StringComparison.Ordinal), output.IndexOf("flash-crowd:", StringComparison.Ordinal), spikyHeader);
        Assert.Contains(SimulationOutput.ExplainLine(Spiky.Value["hpa"].Changes[^1]), output[spikyHeader..], StringComparison.Ordinal);
    }
}
