using System.Collections.Concurrent;
using SloScaler.Core.Reconcile;

namespace SloScaler.Testing.Fakes;

/// <summary>Keeps every report (thread-safe), like a status subresource plus an event log.</summary>
public sealed class RecordingStatusSink : IStatusSink
{
    private readonly ConcurrentQueue<PolicyReport> _reports = new();

    /// <summary>Every report so far, in order (a copy).</summary>
    public IReadOnlyList<PolicyReport> Reports => [.. _reports];

    public int Count => _reports.Count;

    public PolicyReport Last => Reports[^1];

    public IEnumerable<PolicyEvent> Events => Reports.SelectMany(r => r.Events);

    public IReadOnlyList<PolicyReport> For(string name) => [.. _reports.Where(r => r.Key.Name == name)];

    public Task ReportAsync(PolicyReport report, CancellationToken cancellationToken)
    {
        _reports.Enqueue(report);
        return Task.CompletedTask;
    }
}
