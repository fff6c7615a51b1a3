using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;

namespace SloScaler.Simulation.Reports;

/// <summary>
/// The per-scenario table: one row per strategy with what it ran with, its SLO, cost and elasticity
/// figures. Attainment is marked where it falls under the quality bar's 99 %, not under 100 %.
/// </summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, ScenarioResult scenario)
    {
        output.WriteLine("<table>");
        output.WriteLine("<thead><tr><th>strategy</th><th>setting</th><th>SLO met (steps)</th><th>requests within</th><th>longest violation</th><th>worst p99</th>"
            + "<th>pod-hours</th><th>&#215; oracle</th><th>scale events / day</th><th>max replicas</th>"
            + "<th title=\"under-provisioning accuracy: mean replicas missing\">&#952;U</th><th title=\"over-provisioning accuracy: mean replicas in excess\">&#952;O</th>"
            + "<th title=\"share of time under-provisioned\">&#964;U</th><th title=\"share of time over-provisioned\">&#964;O</th>"
            + "<th title=\"share of moves against the oracle's\">&#965;</th></tr></thead>");
        output.WriteLine("<tbody>");
        for (var i = 0; i < scenario.Strategies.Count; i++)
        {
            var s = scenario.Strategies[i];
            var color = StrategyPalette.ColorOf(s.Name, i);
            var missed = s.Attainment < QualityBar.MinAttainment ? " class=\"missed\"" : "";
            var e = s.Elasticity;
            var days = scenario.DurationSeconds / 86_400;
            output.WriteLine(
                $"<tr><td><span class=\"swatch\" style=\"background:{color}\"></span>{Markup.Escape(s.Name)}</td>"
                + $"<td>{Markup.Escape(StrategySetting.Describe(scenario, s))}</td>"
                + $"<td{missed}>{Attainment(s.Attainment)}</td>"
                + $"<td>{Attainment(s.RequestAttainment)}</td>"
                + $"<td>{Markup.Escape(Units.Duration(s.LongestViolationSeconds))}</td>"
                + $"<td>{WorstLatency(s.WorstLatencySeconds)}</td>"
                + $"<td>{Markup.Number(s.PodHours, "#,0.0")}</td>"
                + $"<td>{Ratio(s.PodHoursVsOracle)}</td>"
                + $"<td>{(days > 0 ? Markup.Number(s.ScaleEvents / days, "#,0.#") : "&#8211;")}</td>"
                + $"<td>{Markup.Number(s.MaxReplicas)}</td>"
                + $"<td>{Figure(e?.AccuracyUnder, "0.00")}</td><td>{Figure(e?.AccuracyOver, "0.00")}</td>"
                + $"<td>{Share(e?.TimeshareUnder)}</td><td>{Share(e?.TimeshareOver)}</td><td>{Share(e?.Instability)}</td></tr>");
        }

        output.WriteLine("</tbody>");
        output.WriteLine("</table>");
    }

    /// <summary>Rounded down, so that any missed step shows below 100 %.</summary>
    private static string Attainment(double fraction) =>
        double.IsNaN(fraction) ? "&#8211;" : Markup.Number(Math.Floor(fraction * 10_000) / 100, "0.00") + "&#160;%";

    private static string Figure(double? value, string format) => value is { } v && double.IsFinite(v) ? Markup.Number(v, format) : "&#8211;";

    private static string Share(double? fraction) => fraction is { } f && double.IsFinite(f) ? Markup.Number(f * 100, "0.#") + "&#160;%" : "&#8211;";

    private static string WorstLatency(double seconds) =>
        seconds >= ScenarioRunner.LatencyCapSeconds ? "&#8805;&#160;" + Markup.Escape(Units.Latency(seconds)) : Markup.Escape(Units.Latency(seconds));

    private static string Ratio(double ratio) =>
        double.IsNaN(ratio) || double.IsInfinity(ratio) ? "&#8211;" : Markup.Number(ratio, "0.00") + "&#215;";
}
