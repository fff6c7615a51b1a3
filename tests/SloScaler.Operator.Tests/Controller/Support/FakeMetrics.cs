using System.Collections.Concurrent;
using SloScaler.Core.Observations;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>Answers queries from a table (thread-safe); a query not in it gives no series.</summary>
internal sealed class FakeMetrics : IMetricsSource
{
    public ConcurrentDictionary<string, MetricReading> Answers { get; } = new(StringComparer.Ordinal)
    {
        [SomeSpec.LoadQuery] = MetricReading.Of(400),
        [SomeSpec.LatencyQuery] = MetricReading.Of(0.1),
    };

    public Task<MetricReading> QueryAsync(MetricsConnection connection, string query, CancellationToken cancellationToken) =>
        Task.FromResult(Answers.TryGetValue(query, out var reading) ? reading : MetricReading.Empty());
}
