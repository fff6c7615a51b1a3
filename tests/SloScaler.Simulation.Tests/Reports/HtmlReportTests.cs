using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SloScaler.Simulation.Reports;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;

namespace SloScaler.Simulation.Tests.Reports;

public sealed partial class HtmlReportTests
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Svg = SvgNamespace;

    // Two hours at 15 s: 480 steps, simulated once for the whole class.
    private static readonly Lazy<ScenarioResult> FlashCrowd = new(() => ScenarioRunner.Run(ScenarioCatalog.Find("flash-crowd", 10)!));

    [Fact]
    public void Write_RealScenario_IsWellFormedXml()
    {
        var document = Parse(Render(FlashCrowd.Value));

        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.NotNull(document.Root.Element("head")?.Element("style"));
    }

    [Fact]
    public void Write_TwoScenarios_DrawsThreeChartsAndTheMissStripsEach()
    {
        var html = Render(FlashCrowd.Value, FlashCrowd.Value with { Name = "again" });

        var charts = Parse(html).Descendants(Svg + "svg").ToArray();
        Assert.Equal(8, charts.Length);
        Assert.Equal(8, Regex.Count(html, "<svg"));
        Assert.All(charts, c => Assert.Equal("100%", (string?)c.Attribute("width")));
        Assert.All(charts, c => Assert.NotNull(c.Attribute("viewBox")));
        Assert.Equal(2, Parse(html).Descendants("table").Count());
    }

    [Fact]
    public void Write_RealScenario_NamesEveryStrategyInTheLegendsAndTheTable()
    {
        var document = Parse(Render(FlashCrowd.Value));
        var legends = document.Descendants("span").Where(t => (string?)t.Attribute("class") == "key").Select(t => t.Value).ToArray();
        var rows = document.Descendants("tbody").Single().Elements("tr").Select(r => r.Elements("td").First().Value).ToArray();

        string[] expected = ["elastic", "hpa", "hpa-tuned", "manual-peak", "manual-median", "manual-tuned", "oracle"];
        Assert.Equal(expected, FlashCrowd.Value.Strategies.Select(s => s.Name));
        Assert.Equal([expected[0], "elastic ready", .. expected[1..], .. expected], legends);
        Assert.Equal(expected, rows);
        Assert.All(document.Descendants("tbody").Single().Elements("tr"), r => Assert.Equal(15, r.Elements("td").Count()));
    }

    [Fact]
    public void Write_RealScenario_DrawsTheObjectiveAsADashedLine()
    {
        var document = Parse(Render(FlashCrowd.Value));

        var objective = Assert.Single(document.Descendants(Svg + "line"), l => (string?)l.Attribute("class") == "reference");
        Assert.NotNull(objective.Attribute("stroke-dasharray"));
        Assert.Equal((string?)objective.Attribute("y1"), (string?)objective.Attribute("y2"));
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "objective 250 ms");
    }

    [Fact]
    public void Write_RealScenario_IsSelfContained()
    {
        var html = Render(FlashCrowd.Value);

        var links = Regex.Matches(html, "https?://[^\"'\\s<>]*").Select(m => m.Value).Distinct();
        Assert.Equal([SvgNamespace], links);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Write_HostileScenarioName_IsEscapedEverywhere()
    {
        const string name = "<script>alert('x')</script> & \"co\" \u00fcber \U0001F600";
        var html = Render(FlashCrowd.Value with { Name = name }, FlashCrowd.Value);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var document = Parse(html);
        Assert.Equal(name, document.Descendants("h2").First().Value);
        Assert.Equal(name, document.Descendants("nav").Single().Descendants("a").First().Value);
        Assert.StartsWith(name, (string?)document.Descendants(Svg + "svg").First().Attribute("aria-label"), StringComparison.Ordinal);
        Assert.All(html, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4} written raw"));
    }

    [Fact]
    public void Write_RealScenario_KeepsEverySeriesWithinTheBudgetAndSkipsNaN()
    {
        var html = Render(FlashCrowd.Value);

        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        foreach (var polyline in Parse(html).Descendants(Svg + "polyline"))
        {
            var points = ((string)polyline.Attribute("points")!).Split(' ');
            // Staircases (replicas) double the corners and add the end: 2·600 + 1 at most.
            Assert.InRange(points.Length, 1, (2 * Downsample.MaxPoints) + 1);
            Assert.All(points, p => Assert.Matches(CoordinatePair(), p));
        }
    }

    [Fact]
    public void Write_LongScenario_DownsamplesTo600PointsPerLine()
    {
        var steps = 7 * 24 * 240;
        var wide = FlashCrowd.Value with
        {
            Load = Enumerable.Range(0, steps).Select(i => i % 997 == 0 ? 500.0 : 10.0).ToArray(),
            DurationSeconds = steps * 15.0,
            Strategies = [],
        };

        var load = Parse(Render(wide)).Descendants(Svg + "polyline").First();

        Assert.InRange(((string)load.Attribute("points")!).Split(' ').Length, 500, Downsample.MaxPoints);
        Assert.Contains(Parse(Render(wide)).Descendants(Svg + "text"), t => t.Value == "time (hours)");
    }

    [Fact]
    public void Write_EmptyScenario_IsStillWellFormed()
    {
        var empty = FlashCrowd.Value with
        {
            Load = [],
            DurationSeconds = 0,
            Strategies = [new StrategyResult
            {
                Name = "elastic", Attainment = 1, LongestViolationSeconds = 0, WorstLatencySeconds = 0, PodHours = 0,
                PodHoursVsOracle = double.NaN, ScaleEvents = 0, MaxReplicas = 0, Replicas = [], P99 = [],
            }],
        };

        var document = Parse(Render(empty));

        Assert.Equal(4, document.Descendants(Svg + "svg").Count()); // load, replicas, latency, miss strips
        Assert.Empty(document.Descendants(Svg + "polyline"));
    }

    [Fact]
    public void Write_SameInput_GivesTheSameBytes()
    {
        Assert.Equal(Render(FlashCrowd.Value), Render(FlashCrowd.Value));
    }

    [Fact]
    public void Write_UnderACommaDecimalCulture_WritesInvariantNumbers()
    {
        var expected = Render(FlashCrowd.Value);
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = comma;
            Assert.Equal(expected, Render(FlashCrowd.Value));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Write_RealScenario_TabulatesTheSummary()
    {
        var result = FlashCrowd.Value;
        var rows = Parse(Render(result)).Descendants("tbody").Single().Elements("tr").ToArray();

        var oracle = rows.Single(r => r.Elements("td").First().Value == "oracle").Elements("td").Select(c => c.Value).ToArray();
        Assert.Equal("foresight", oracle[1]);
        Assert.Equal("1.00\u00d7", oracle[7]);
        Assert.Equal(result["oracle"].MaxReplicas.ToString(CultureInfo.InvariantCulture), oracle[9]);
        Assert.Equal((result["oracle"].ScaleEvents * 12).ToString(CultureInfo.InvariantCulture), oracle[8]); // per day of a 2-hour run
        Assert.Equal(["0.00", "0.00", "0\u00a0%", "0\u00a0%", "0\u00a0%"], oracle[10..]);
    }

    [Fact]
    public void Write_RealScenario_ShowsTheQualityBarAfterTheSummary()
    {
        var result = FlashCrowd.Value;
        var section = Parse(Render(result)).Descendants("section").Single();

        var bar = section.Elements().SkipWhile(e => (string?)e.Attribute("class") != "table-wrap").Skip(1).First();
        Assert.Equal("p", bar.Name.LocalName);
        Assert.Equal("quality-bar", (string?)bar.Attribute("class"));
        Assert.StartsWith("Quality bar: " + (QualityBar.Evaluate(result).Met == true ? "met" : "MISSED") + " \u2014 ", bar.Value, StringComparison.Ordinal);
        Assert.All(QualityBar.Evaluate(result).Checks, c => Assert.Contains(c.Text, bar.Value, StringComparison.Ordinal));
        Assert.Equal(QualityBar.Evaluate(result).Checks.Count, bar.Elements("span").Count());
    }

    [Fact]
    public void Write_MissedCheck_IsMarkedMissed()
    {
        var result = FlashCrowd.Value with
        {
            Strategies = [.. FlashCrowd.Value.Strategies.Select(s => s.Name == "elastic" ? s with { LongestViolationSeconds = 3600 } : s)],
        };

        var bar = Parse(Render(result)).Descendants("p").Single(p => (string?)p.Attribute("class") == "quality-bar");

        Assert.Equal("MISSED", bar.Element("b")!.Value);
        Assert.Contains(bar.Elements("span"), s => (string?)s.Attribute("class") == "missed" && s.Value.StartsWith("\u2717\u00a0longest miss 3600s", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Scenario_ShadesEachStrategysMissedStepsInAStripUnderTheLatencyChart()
    {
        var result = FlashCrowd.Value;
        var strips = Parse(Render(result)).Descendants(Svg + "svg").Single(s => (string?)s.Attribute("class") == "strips")
            .Elements(Svg + "g").ToList();

        Assert.Equal(result.Strategies.Count, strips.Count);
        for (var i = 0; i < strips.Count; i++)
        {
            var shaded = strips[i].Elements(Svg + "rect").Count(r => r.Attribute("fill") is not null);
            if (result.Strategies[i].Missed.Any(m => m)) Assert.True(shaded > 0, result.Strategies[i].Name);
            else Assert.Equal(0, shaded);
        }
    }

    [Fact]
    public void Write_HourLongBacklog_ClipsTheLatencyAxisAndSaysSo()
    {
        // manual-median on flash-crowd reaches the 1-hour cap; the axis stops at 40 objectives (10 s).
        var document = Parse(Render(FlashCrowd.Value));

        Assert.Contains(document.Descendants("p"), p => (string?)p.Attribute("class") == "note" && p.Value.Contains("The axis stops at 10 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Scenario_StatesTheRunsParametersAndTheCostAtEqualSlo()
    {
        var document = Parse(Render(FlashCrowd.Value));

        var facts = document.Descendants("p").Single(p => (string?)p.Attribute("class") == "facts").Value;
        foreach (var fact in new[] { "hpa target", "replica start-up 1 min", "workers 4 per replica", "service time 50 ms mean", "seed 1", "observation noise 0 %", "objective" })
            Assert.Contains(fact, facts, StringComparison.Ordinal);
        var headline = document.Descendants("p").Single(p => (string?)p.Attribute("class") == "headline").Value;
        Assert.Contains("\u00d7 hpa-tuned (target ", headline, StringComparison.Ordinal);
        Assert.Contains("\u00d7 manual-tuned (", headline, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithVerdict_PrintsItUnderEachScenarioEscaped()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write([FlashCrowd.Value, FlashCrowd.Value with { Name = "again" }], writer, r => $"Verdict on {r.Name} <&>");

        var verdicts = Parse(writer.ToString()).Descendants("p").Where(p => (string?)p.Attribute("class") == "verdict").Select(p => p.Value);
        Assert.Equal(["Verdict on flash-crowd <&>", "Verdict on again <&>"], verdicts);
    }

    private static string Render(params ScenarioResult[] scenarios)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        HtmlReport.Write(scenarios, writer);
        return writer.ToString();
    }

    private static XDocument Parse(string html) => XDocument.Parse(html);

    [GeneratedRegex(@"^-?\d+(\.\d)?,-?\d+(\.\d)?$")]
    private static partial Regex CoordinatePair();
}
