using Microsoft.Extensions.Logging;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Controller;

/// <summary>What a reconcile says in the log: its events (a scale, a new failure, a recovery) at Information or Warning, otherwise one Debug line.</summary>
internal static class ReconcileLog
{
    public static void Outcome(ILogger logger, ReconcileOutcome outcome, TimeSpan elapsed)
    {
        var report = outcome.Report;
        foreach (var e in report.Events)
        {
            var level = e.Type == PolicyEvent.Warning ? LogLevel.Warning : LogLevel.Information;
            logger.Log(level, "{Policy}: {Reason}: {Note}", report.Key, e.Reason, e.Note);
        }
        if (logger.IsEnabled(LogLevel.Debug))
        {
            logger.LogDebug(
                "{Policy} reconciled in {ElapsedMs:0.0} ms: {Decision} (status write {Material}, dry-run {DryRun})",
                report.Key, elapsed.TotalMilliseconds, report.Decision?.Reason ?? string.Join("; ", report.Problems), report.Material, report.DryRun);
        }
    }
}
