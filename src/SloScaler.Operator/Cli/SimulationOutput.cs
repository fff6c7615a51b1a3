using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;

namespace SloScaler.Operator.Cli;

/// <summary>The simulator's terminal tables and its JSON document.</summary>
internal static class SimulationOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly string[] Headers = ["strategy", "met SLO", "longest miss", "worst p99", "pod-hours", "× oracle", "scales", "max replicas"];

    /// <summary>Tables through Spectre on a terminal, or aligned plain text to <paramref name="plain"/> when output is redirected.</summary>
    public static void WriteTables(IReadOnlyList<ScenarioResult> results, IAnsiConsole console, TextWriter? plain)
    {
        void Line(string text)
        {
            if (plain is null) console.WriteLine(text);
            else plain.WriteLine(text);
        }
        foreach (var r in results)
        {
            Line($"{r.Name}: {Hours(r.DurationSeconds)}, p99 objective {r.ObjectiveSeconds * 1000:0}ms, capacity {r.CapacityPerReplica:0.#} rps/replica (declared {r.DeclaredTargetPerReplica:0.#})");
            var rows = r.Strategies.Select(Row).ToList();
            if (plain is not null)
            {
                // Aligned text for pipes and logs: Spectre squeezes wide tables into 80 columns.
                var widths = Headers.Select((h, i) => rows.Select(row => row[i].Length).Append(h.Length).Max()).ToArray();
                foreach (var cells in rows.Prepend(Headers))
                    plain.WriteLine(string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var (header, i) in Headers.Select((h, i) => (h, i)))
                    table.AddColumn(i == 0 ? new TableColumn(header) : new TableColumn(header).RightAligned());
                foreach (var row in rows) table.AddRow(row);
                console.Write(table);
            }
            Line(Verdict(r));
            var bar = QualityBar.Evaluate(r);
            if (plain is null) console.MarkupLine(BarLine(bar, markup: true));
            else plain.WriteLine(BarLine(bar));
            Line("");
        }
        Line(BarSummary(results));
    }

    /// <summary>One line: <c>Quality bar: met — ✓ …, ✓ …</c>, <c>Quality bar: MISSED — ✗ …, ✓ …</c> or <c>Quality bar: none (…)</c>.</summary>
    public static string BarLine(QualityBarResult bar, bool markup = false)
    {
        string Styled(string text, string style) => markup ? $"[{style}]{Markup.Escape(text)}[/]" : text;
        string Text(string text) => markup ? Markup.Escape(text) : text;
        var notes = bar.Notes.Count > 0 ? Text(" (" + string.Join("; ", bar.Notes) + ")") : "";
        if (bar.Met is not { } met) return "Quality bar: none" + notes;
        var checks = bar.Checks.Select(c => c.Met ? Styled("✓", "green") + " " + Text(c.Text) : Styled("✗", "red") + " " + Text(c.Text));
        return "Quality bar: " + (met ? Styled("met", "green") : Styled("MISSED", "bold red")) + " — " + string.Join(", ", checks) + notes;
    }

    /// <summary>The run's last line: on how many of the scenarios that have a bar elastic met it, and which it missed.</summary>
    public static string BarSummary(IReadOnlyList<ScenarioResult> results)
    {
        var bars = results.Select(r => (r.Name, Bar: QualityBar.Evaluate(r))).Where(b => b.Bar.Met is not null).ToList();
        if (bars.Count == 0) return "Quality bar: none of these scenarios has one";
        var missed = bars.Where(b => b.Bar.Met == false).Select(b => b.Name).ToList();
        return Invariant($"Quality bar: met on {bars.Count - missed.Count} of {bars.Count} scenarios")
            + (missed.Count > 0 ? $" (missed: {string.Join(", ", missed)})" : "");
    }

    private static string[] Row(StrategyResult s) =>
    [
        s.Name, Invariant($"{s.Attainment * 100:0.00}%"), Seconds(s.LongestViolationSeconds), Latency(s.WorstLatencySeconds),
        Invariant($"{s.PodHours:0.0}"), Invariant($"{s.PodHoursVsOracle:0.00}"), s.ScaleEvents.ToString(CultureInfo.InvariantCulture), s.MaxReplicas.ToString(CultureInfo.InvariantCulture),
    ];

    public static string Verdict(ScenarioResult r)
    {
        var e = r["elastic"];
        var peak = r["manual-peak"];
        var median = r["manual-median"];
        var saving = peak.PodHours > 0 ? 1 - (e.PodHours / peak.PodHours) : 0;
        return Invariant($"Verdict: elastic met the SLO {e.Attainment * 100:0.0}% of the time with {e.PodHours:0.0} pod-hours; ")
            + Invariant($"manual sized for the peak met it {peak.Attainment * 100:0.0}% with {peak.PodHours:0.0} ({(saving >= 0 ? $"elastic saves {saving * 100:0}%" : $"elastic costs {-saving * 100:0}% more")}), ")
            + Invariant($"manual sized for the median met it only {median.Attainment * 100:0.0}%.");
    }

    public static void WriteJson(IReadOnlyList<ScenarioResult> results, TextWriter output)
    {
        var document = new
        {
            scenarios = results.Select(r => new
            {
                name = r.Name,
                durationSeconds = r.DurationSeconds,
                objectiveSeconds = r.ObjectiveSeconds,
                capacityPerReplica = Math.Round(r.CapacityPerReplica, 3),
                declaredTargetPerReplica = Math.Round(r.DeclaredTargetPerReplica, 3),
                verdict = Verdict(r),
                strategies = r.Strategies.Select(s => new
                {
                    name = s.Name,
                    attainment = Math.Round(s.Attainment, 5),
                    longestViolationSeconds = s.LongestViolationSeconds,
                    worstLatencySeconds = Math.Round(s.WorstLatencySeconds, 4),
                    podHours = Math.Round(s.PodHours, 3),
                    podHoursVsOracle = Math.Round(s.PodHoursVsOracle, 4),
                    scaleEvents = s.ScaleEvents,
                    maxReplicas = s.MaxReplicas,
                }),
                qualityBar = BarJson(QualityBar.Evaluate(r)),
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, Json));
    }

    private static object BarJson(QualityBarResult bar) => new
    {
        met = bar.Met,
        checks = bar.Checks.Select(c => new { name = c.Name, met = c.Met, actual = Finite(c.Actual), limit = Finite(c.Limit), text = c.Text }),
        notes = bar.Notes,
    };

    /// <summary>JSON has no NaN or infinity: those become null.</summary>
    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 5) : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Hours(double seconds) => seconds >= 86_400 ? Invariant($"{seconds / 86_400:0.#} days") : Invariant($"{seconds / 3600:0.#} h");

    private static string Seconds(double seconds) => seconds >= 3600 ? Invariant($"{seconds / 3600:0.#}h") : seconds >= 60 ? Invariant($"{seconds / 60:0.#}m") : Invariant($"{seconds:0}s");

    private static string Latency(double seconds) => seconds >= 1 ? Invariant($"{seconds:0.##}s") : Invariant($"{seconds * 1000:0}ms");
}
