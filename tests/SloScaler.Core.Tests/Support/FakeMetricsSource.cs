using SloScaler.Core.Observations;

namespace SloScaler.Core.Tests.Support;

/// <summary>Answers queries from a table; unknown queries come back empty. Counts every call.</summary>
internal sealed class FakeMetricsSource : IMetricsSource
{
    public Dictionary<string, MetricReading> Answers { get; } = new(StringComparer.Ordinal);

    public List<string> Asked { get; } = [];

    public Task<MetricReading> QueryAsync(MetricsConnection connection, string query, CancellationToken cancellationToken)
    {
        Asked.Add(query);
        return Task.FromResult(Answers.TryGetValue(query, out var reading) ? reading : MetricReading.Empty());
    }
}
