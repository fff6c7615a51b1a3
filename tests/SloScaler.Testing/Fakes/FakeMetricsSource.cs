using System.Collections.Concurrent;
using SloScaler.Core.Observations;

namespace SloScaler.Testing.Fakes;

/// <summary>Answers queries from a table (thread-safe); a query not in it gives no series. Records every query asked.</summary>
public sealed class FakeMetricsSource : IMetricsSource
{
    private readonly ConcurrentQueue<string> _asked = new();

    public ConcurrentDictionary<string, MetricReading> Answers { get; } = new(StringComparer.Ordinal);

    /// <summary>Every query asked, in order.</summary>
    public IReadOnlyList<string> Asked => [.. _asked];

    /// <summary>Sets the answer of each query to a value.</summary>
    public FakeMetricsSource Answering(params (string Query, double Value)[] answers)
    {
        foreach (var (query, value) in answers) Answers[query] = MetricReading.Of(value);
        return this;
    }

    public Task<MetricReading> QueryAsync(MetricsConnection connection, string query, CancellationToken cancellationToken)
    {
        _asked.Enqueue(query);
        return Task.FromResult(Answers.TryGetValue(query, out var reading) ? reading : MetricReading.Empty());
    }
}
