using System.Globalization;
using Spectre.Console;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Once;

/// <summary>One row of <c>run --once</c>'s table.</summary>
public sealed record OnceRow(string Policy, string Target, string Current, string Recommended, string Reason, bool Failed);

/// <summary>
/// <c>run --once</c>'s table — policy, target, current, recommended, reason — as a Spectre table
/// on a terminal and as plain aligned columns when redirected; and its exit code: 1 when any
/// policy is invalid, its metrics are unavailable, or its reconcile failed, else 0.
/// </summary>
public static class OnceReport
{
    private static readonly string[] Headers = ["POLICY", "TARGET", "CURRENT", "RECOMMENDED", "REASON"];

    public static IReadOnlyList<OnceRow> Rows(IReadOnlyList<PolicyRunResult> results) => [.. results.Select(Row)];

    public static int ExitCode(IReadOnlyList<PolicyRunResult> results) => Rows(results).Any(r => r.Failed) ? 1 : 0;

    public static void Write(IReadOnlyList<PolicyRunResult> results, TextWriter output, bool plain)
    {
        var rows = Rows(results);
        if (plain) WritePlain(rows, output);
        else WriteTable(rows, output);
        var failed = rows.Count(r => r.Failed);
        output.WriteLine(rows.Count == 0 ? "no ScalingPolicies found" : $"{rows.Count} policies, {failed} with problems");
    }

    private static OnceRow Row(PolicyRunResult result)
    {
        var policy = result.Key.ToString();
        var target = result.Policy.Spec?.TargetRef?.ToString() ?? "-";
        if (result.Error is { } error) return new OnceRow(policy, target, "-", "-", $"reconcile failed: {error.Message}", true);
        var report = result.Outcome!.Report;
        if (report.Problems.Count > 0) return new OnceRow(policy, target, "-", "-", $"invalid: {string.Join("; ", report.Problems)}", true);
        var metricsDown = Conditions.Find(report.Status.Conditions, ConditionTypes.MetricsAvailable)?.Status == "False";
        if (report.Decision is not { } decision)
        {
            var ready = Conditions.Find(report.Status.Conditions, ConditionTypes.Ready);
            return new OnceRow(policy, target, "-", "-", ready?.Message ?? ready?.Reason ?? "not evaluated", metricsDown);
        }
        var recommended = Number(decision.DesiredReplicas)
            + (decision.RecommendedReplicas != decision.DesiredReplicas ? $" (elastic {Number(decision.RecommendedReplicas)})" : "");
        return new OnceRow(policy, target, Number(decision.CurrentReplicas), recommended, decision.Reason, metricsDown);
    }

    private static void WritePlain(IReadOnlyList<OnceRow> rows, TextWriter output)
    {
        var cells = rows.Select(r => new[] { r.Policy, r.Target, r.Current, r.Recommended, r.Reason }).Prepend(Headers).ToList();
        var widths = Enumerable.Range(0, Headers.Length - 1).Select(i => cells.Max(c => c[i].Length)).ToArray();
        foreach (var c in cells)
            output.WriteLine(string.Join("   ", c.Take(Headers.Length - 1).Select((v, i) => v.PadRight(widths[i])).Append(c[^1])).TrimEnd());
    }

    private static void WriteTable(IReadOnlyList<OnceRow> rows, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var table = new Table();
        foreach (var h in Headers) table.AddColumn(new TableColumn(h.ToLowerInvariant()));
        foreach (var r in rows)
        {
            var style = r.Failed ? new Style(Color.Red) : Style.Plain;
            table.AddRow(new Text(r.Policy, style), new Text(r.Target), new Text(r.Current), new Text(r.Recommended), new Text(r.Reason, style));
        }
        console.Write(table);
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
