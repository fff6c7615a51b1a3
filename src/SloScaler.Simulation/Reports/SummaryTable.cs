using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;

namespace SloScaler.Simulation.Reports;

/// <summary>The per-scenario table: one row per strategy with its SLO and cost figures.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, ScenarioResult scenario)
    {
        output.WriteLine("<table>");
        output.WriteLine("<thead><tr><th>strategy</th><th>SLO attainment</th><th>longest violation</th><th>worst p99</th>"
            + "<th>pod-hours</th><th>&#215; oracle</th><th>scale events</th><th>max replicas</th></tr></thead>");
        output.WriteLine("<tbody>");
        for (var i = 0; i < scenario.Strategies.Count; i++)
        {
            var s = scenario.Strategies[i];
            var color = StrategyPalette.ColorOf(s.Name, i);
            var missed = s.Attainment < 1 ? " class=\"missed\"" : "";
            output.WriteLine(
                $"<tr><td><span class=\"swatch\" style=\"background:{color}\"></span>{Markup.Escape(s.Name)}</td>"
                + $"<td{missed}>{Attainment(s.Attainment)}</td>"
                + $"<td>{Markup.Escape(Units.Duration(s.LongestViolationSeconds))}</td>"
                + $"<td>{WorstLatency(s.WorstLatencySeconds)}</td>"
                + $"<td>{Markup.Number(s.PodHours, "#,0.0")}</td>"
                + $"<td>{Ratio(s.PodHoursVsOracle)}</td>"
                + $"<td>{Markup.Number(s.ScaleEvents)}</td>"
                + $"<td>{Markup.Number(s.MaxReplicas)}</td></tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    /// <summary>Rounded down, so that any missed step shows below 100 %.</summary>
    private static string Attainment(double fraction) =>
        double.IsNaN(fraction) ? "&#8211;" : Markup.Number(Math.Floor(fraction * 10_000) / 100, "0.00") + "&#160;%";

    private static string WorstLatency(double seconds) =>
        seconds >= ScenarioRunner.LatencyCapSeconds ? "&#8805;&#160;" + Markup.Escape(Units.Latency(seconds)) : Markup.Escape(Units.Latency(seconds));

    private static string Ratio(double ratio) =>
        double.IsNaN(ratio) || double.IsInfinity(ratio) ? "&#8211;" : Markup.Number(ratio, "0.00") + "&#215;";
}
