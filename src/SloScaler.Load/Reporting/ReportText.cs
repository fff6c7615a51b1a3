using System.Globalization;
using System.Text.Json;
using SloScaler.Load.Calibration;
using SloScaler.Load.Running;

namespace SloScaler.Load.Reporting;

/// <summary>Prints load and calibration reports as aligned tables for people, or JSON for machines.</summary>
public static class ReportText
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private const string WindowHeader = "  rate/s     sent   late  dropped  errors   p50 ms   p90 ms   p99 ms  p99.9 ms   max ms";

    public static string ToJson(object value) => JsonSerializer.Serialize(value, Json);

    public static void WriteLoad(LoadReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{"from s",8}{WindowHeader}");
        foreach (var window in report.Intervals)
        {
            output.WriteLine($"{window.Start.TotalSeconds,8:0.#}{Row(window)}");
        }

        output.WriteLine($"{"overall",8}{Row(report.Overall)}");
        var notOnTime = report.Overall.Late + report.Overall.Dropped;
        output.WriteLine($"{report.Planned} requests planned; {notOnTime} could not be sent on time ({report.Overall.Late} late, {report.Overall.Dropped} dropped); latency runs from each request's intended send time"
            + (report.Truncated ? "; the run was cut short by its bounds" : "")
            + (report.Cancelled ? "; cancelled" : ""));
    }

    public static void WriteCalibrationStep(CalibrationStep step, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{step.Rate,8:0.00}{Row(step.Measured)}  {(step.Passed ? "ok" : "MISSED")}{(step.Attempts > 1 ? $" (run {step.Attempts} times: the generator fell behind)" : "")}");
    }

    public static string CalibrationHeader => $"{"step/s",8}{WindowHeader}";

    public static void WriteCalibration(CalibrationResult result, TimeSpan objective, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("p99 by rate (ascending):");
        output.WriteLine(CalibrationHeader);
        foreach (var step in result.Steps.OrderBy(s => s.Rate))
        {
            WriteCalibrationStep(step, output);
        }

        output.WriteLine(result.Finding);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"capacity (p99 = {objective.TotalMilliseconds:0} ms): {result.Capacity:0.0} requests/s per replica"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targetPerReplica: {result.TargetPerReplica:0.0} (capacity less a {result.Margin:P0} margin)"));
    }

    private static string Row(WindowReport w)
    {
        var l = w.Latency;
        return string.Create(CultureInfo.InvariantCulture,
            $"{w.Rate,8:0.0}{w.Sent,9}{w.Late,7}{w.Dropped,9}{w.Errors,8}{Ms(l.P50),9}{Ms(l.P90),9}{Ms(l.P99),9}{Ms(l.P999),10}{Ms(l.Max),9}");
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture);
}
