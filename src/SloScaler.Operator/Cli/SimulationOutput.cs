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

    private static readonly string[] Headers =
    [
        "strategy", "setting", "met SLO", "requests", "longest miss", "worst p99", "pod-hours", "× oracle", "scales/day", "max replicas",
        "θU", "θO", "τU", "τO", "υ",
    ];

    /// <summary>Tables through Spectre on a terminal, or aligned plain text to <paramref name="plain"/> when output is redirected.</summary>
    /// <param name="results">The scenarios' results, in order.</param>
    /// <param name="console">The terminal the tables go to.</param>
    /// <param name="plain">Where aligned plain text goes instead, when output is redirected; null for the terminal.</param>
    /// <param name="explain">A strategy whose every scale is printed, with its reason, under its scenario.</param>
    public static void WriteTables(IReadOnlyList<ScenarioResult> results, IAnsiConsole console, TextWriter? plain, string? explain = null)
    {
        void Line(string text)
        {
            if (plain is null) console.WriteLine(text);
            else plain.WriteLine(text);
        }
        foreach (var r in results)
        {
            Line(Invariant($"{r.Name}: {Hours(r.DurationSeconds)}, p99 objective {r.ObjectiveSeconds * 1000:0}ms, capacity {r.CapacityPerReplica:0.#} rps/replica (declared {r.DeclaredTargetPerReplica:0.#}), hpa target {r.HpaTargetPerReplica:0.#}"));
            var rows = r.Strategies.Select(s => Row(r, s)).ToList();
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
            if (explain is not null)
            {
                foreach (var change in Changes(r, explain)) Line(ExplainLine(change));
            }

            Line("");
        }
        Line(BarSummary(results));
        Line(TeamTargetSummary(results));
    }

    /// <summary>Where elastic stands against the team's target beyond the bar (cost at equal SLO ≤ 0.80× hpa-tuned).</summary>
    public static string TeamTargetSummary(IReadOnlyList<ScenarioResult> results)
    {
        var checks = results.Select(r => (r.Name, Check: QualityBar.TeamTarget(r))).Where(c => c.Check is not null).ToList();
        var missed = checks.Where(c => !c.Check!.Met).Select(c => c.Name).ToList();
        return Invariant($"Team target (cost at equal SLO \u2264 {QualityBar.TeamTargetCostVsHpaTuned:0.00}\u00d7 hpa-tuned): met on {checks.Count - missed.Count} of {checks.Count} scenarios")
            + (missed.Count > 0 ? $" (missed: {string.Join(", ", missed)})" : "");
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

    private static string[] Row(ScenarioResult r, StrategyResult s)
    {
        var e = s.Elasticity;
        var days = r.DurationSeconds / 86_400;
        return
        [
            s.Name, Setting(r, s), Attainment(s.Attainment), Attainment(s.RequestAttainment), Seconds(s.LongestViolationSeconds), Latency(s.WorstLatencySeconds),
            Invariant($"{s.PodHours:0.0}"), Invariant($"{s.PodHoursVsOracle:0.00}"), Invariant($"{(days > 0 ? s.ScaleEvents / days : 0):0.#}"),
            s.MaxReplicas.ToString(CultureInfo.InvariantCulture),
            e is null ? "–" : Invariant($"{e.AccuracyUnder:0.00}"), e is null ? "–" : Invariant($"{e.AccuracyOver:0.00}"),
            e is null ? "–" : Invariant($"{e.TimeshareUnder * 100:0}%"), e is null ? "–" : Invariant($"{e.TimeshareOver * 100:0}%"),
            e is null ? "–" : Invariant($"{e.Instability * 100:0.0}%"),
        ];
    }

    /// <summary>What the strategy ran with: see <see cref="StrategySetting.Describe"/>.</summary>
    public static string Setting(ScenarioResult r, StrategyResult s) => StrategySetting.Describe(r, s);

    /// <summary>A fraction as a percentage rounded down: 100.00% only when nothing was missed.</summary>
    public static string Attainment(double fraction) =>
        double.IsFinite(fraction) ? Invariant($"{Math.Floor(fraction * 10_000) / 100:0.00}%") : "–";

    /// <summary>The headline: elastic's pod-hours ÷ the hindsight-tuned peer's, or why there is no equal SLO to compare at.</summary>
    public static string CostAtEqualSlo(ScenarioResult r, string peer)
    {
        var tuned = r.Strategies.FirstOrDefault(s => s.Name == peer);
        if (tuned is null) return $"no {peer}";
        var ratio = r.CostAtEqualSlo(peer);
        return tuned.Tuning is { Reached: false }
            ? Invariant($"{peer} never reaches elastic's attainment (best {Attainment(tuned.Attainment)} at {Setting(r, tuned with { Tuning = null })}; {ratio:0.00}\u00d7 its pod-hours)")
            : Invariant($"{ratio:0.00}\u00d7 {peer} ({Setting(r, tuned)})");
    }

    public static string Verdict(ScenarioResult r)
    {
        var e = r[StrategyNames.Elastic];
        var peak = r[StrategyNames.ManualPeak];
        var median = r[StrategyNames.ManualMedian];
        var saving = peak.PodHours > 0 ? 1 - (e.PodHours / peak.PodHours) : 0;
        return Invariant($"Verdict: elastic met the SLO {Attainment(e.Attainment)} of the time ({Attainment(e.RequestAttainment)} of requests within it) with {e.PodHours:0.0} pod-hours; ")
            + $"cost at equal SLO {CostAtEqualSlo(r, StrategyNames.HpaTuned)}, {CostAtEqualSlo(r, StrategyNames.ManualTuned)}; "
            + Invariant($"manual sized for the peak met it {Attainment(peak.Attainment)} with {peak.PodHours:0.0} ({(saving >= 0 ? $"elastic saves {saving * 100:0}%" : $"elastic costs {-saving * 100:0}% more")}), ")
            + Invariant($"manual sized for the median met it only {Attainment(median.Attainment)}.");
    }

    /// <summary>One scale: <c>t=135s 8 → 12: reason</c>.</summary>
    public static string ExplainLine(ScaleChange change) => Invariant($"  t={change.AtSeconds:0}s {change.From} \u2192 {change.To}: {change.Reason}");

    private static IReadOnlyList<ScaleChange> Changes(ScenarioResult r, string strategy) => r.Strategies.FirstOrDefault(s => s.Name == strategy)?.Changes ?? [];

    /// <summary>The results as one JSON document.</summary>
    /// <param name="results">The scenarios' results, in order.</param>
    /// <param name="output">Where the document is written.</param>
    /// <param name="explain">A strategy whose every scale goes into its scenario's <c>explain</c> array.</param>
    public static void WriteJson(IReadOnlyList<ScenarioResult> results, TextWriter output, string? explain = null)
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
                hpaTargetPerReplica = Finite(r.HpaTargetPerReplica, 3),
                costAtEqualSlo = new
                {
                    vsHpaTuned = Finite(r.CostAtEqualSlo(StrategyNames.HpaTuned), 4),
                    vsManualTuned = Finite(r.CostAtEqualSlo(StrategyNames.ManualTuned), 4),
                },
                verdict = Verdict(r),
                strategies = r.Strategies.Select(s => new
                {
                    name = s.Name,
                    targetPerReplica = s.TargetPerReplica is { } target ? Math.Round(target, 3) : (double?)null,
                    tuning = s.Tuning is { } t
                        ? new { goal = Math.Round(t.Goal, 5), reached = t.Reached, candidates = t.Candidates, setting = Math.Round(t.Setting, 3), settingFraction = t.SettingFraction is { } f ? Math.Round(f, 4) : (double?)null }
                        : null,
                    attainment = Math.Round(s.Attainment, 5),
                    requestAttainment = Finite(s.RequestAttainment, 5),
                    longestViolationSeconds = s.LongestViolationSeconds,
                    worstLatencySeconds = Math.Round(s.WorstLatencySeconds, 4),
                    podHours = Math.Round(s.PodHours, 3),
                    podHoursVsOracle = Math.Round(s.PodHoursVsOracle, 4),
                    scaleEvents = s.ScaleEvents,
                    scaleEventsPerDay = Finite(s.Elasticity?.ScaleEventsPerDay ?? double.NaN, 2),
                    accuracyUnder = Finite(s.Elasticity?.AccuracyUnder ?? double.NaN, 4),
                    accuracyOver = Finite(s.Elasticity?.AccuracyOver ?? double.NaN, 4),
                    timeshareUnder = Finite(s.Elasticity?.TimeshareUnder ?? double.NaN, 4),
                    timeshareOver = Finite(s.Elasticity?.TimeshareOver ?? double.NaN, 4),
                    instability = Finite(s.Elasticity?.Instability ?? double.NaN, 4),
                    maxReplicas = s.MaxReplicas,
                }),
                qualityBar = BarJson(QualityBar.Evaluate(r)),
                teamTarget = QualityBar.TeamTarget(r) is { } team ? CheckJson(team) : null,
                explain = explain is null ? null : new
                {
                    strategy = explain,
                    changes = Changes(r, explain).Select(c => new { atSeconds = c.AtSeconds, from = c.From, to = c.To, reason = c.Reason }),
                },
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, Json));
    }

    private static object BarJson(QualityBarResult bar) => new
    {
        met = bar.Met,
        checks = bar.Checks.Select(CheckJson),
        notes = bar.Notes,
    };

    private static object CheckJson(QualityCheck c) => new { name = c.Name, met = c.Met, actual = Finite(c.Actual), limit = Finite(c.Limit), text = c.Text };

    /// <summary>JSON has no NaN or infinity: those become null.</summary>
    private static double? Finite(double value, int decimals = 5) => double.IsFinite(value) ? Math.Round(value, decimals) : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Hours(double seconds) => Units.Duration(TimeSpan.FromSeconds(seconds));

    private static string Seconds(double seconds) => seconds >= 3600 ? Invariant($"{seconds / 3600:0.#}h") : seconds >= 60 ? Invariant($"{seconds / 60:0.#}m") : Invariant($"{seconds:0}s");

    private static string Latency(double seconds) => seconds >= 60 ? Units.Duration(TimeSpan.FromSeconds(seconds)) : seconds >= 1 ? Invariant($"{seconds:0.##}s") : Invariant($"{seconds * 1000:0}ms");
}
