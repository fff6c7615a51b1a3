using System.Collections.Concurrent;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>Keeps every report (thread-safe), like a status subresource plus an event log.</summary>
internal sealed class RecordingSink : IStatusSink
{
    private readonly ConcurrentQueue<PolicyReport> _reports = new();

    public IReadOnlyList<PolicyReport> Reports => [.. _reports];

    public int Count => _reports.Count;

    public IReadOnlyList<PolicyReport> For(string name) => [.. _reports.Where(r => r.Key.Name == name)];

    public Task ReportAsync(PolicyReport report, CancellationToken cancellationToken)
    {
        _reports.Enqueue(report);
        return Task.CompletedTask;
    }
}
