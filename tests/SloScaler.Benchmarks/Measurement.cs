namespace SloScaler.Benchmarks;

/// <summary>One measured <c>ScenarioRunner.Run</c>: the whole run and each strategy's share.</summary>
internal sealed record Measurement(TimeSpan Total, long TotalBytes, IReadOnlyList<string> Strategies, IReadOnlyList<TimeSpan> Times, IReadOnlyList<long> Bytes);
