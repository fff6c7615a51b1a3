using SloScaler.Core.Reconcile;

namespace SloScaler.Core.Tests.Support;

/// <summary>Keeps every report, like a status subresource plus an event log.</summary>
internal sealed class RecordingStatusSink : IStatusSink
{
    public List<PolicyReport> Reports { get; } = [];

    public PolicyReport Last => Reports[^1];

    public IEnumerable<PolicyEvent> Events => Reports.SelectMany(r => r.Events);

    public Task ReportAsync(PolicyReport report, CancellationToken cancellationToken)
    {
        Reports.Add(report);
        return Task.CompletedTask;
    }
}
