using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using SloScaler.Simulation.Runs;

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
            Line("");
        }
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
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, Json));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Hours(double seconds) => seconds >= 86_400 ? Invariant($"{seconds / 86_400:0.#} days") : Invariant($"{seconds / 3600:0.#} h");

    private static string Seconds(double seconds) => seconds >= 3600 ? Invariant($"{seconds / 3600:0.#}h") : seconds >= 60 ? Invariant($"{seconds / 60:0.#}m") : Invariant($"{seconds:0}s");

    private static string Latency(double seconds) => seconds >= 1 ? Invariant($"{seconds:0.##}s") : Invariant($"{seconds * 1000:0}ms");
}
