using System.Diagnostics;

namespace SloScaler.Benchmarks;

/// <summary>
/// Times each strategy of one <c>ScenarioRunner.Run</c>: the runner reports progress synchronously
/// after each strategy, so the time and the bytes allocated on this thread between two reports
/// belong to one strategy (the first also carries the run's set-up: sampling the load, planning
/// the oracle).
/// </summary>
internal sealed class StrategyStopwatch : IProgress<double>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TimeSpan> _times = [];
    private readonly List<long> _bytes = [];
    private TimeSpan _lastTime;
    private long _lastBytes = GC.GetAllocatedBytesForCurrentThread();

    public IReadOnlyList<TimeSpan> Times => _times;

    public IReadOnlyList<long> Bytes => _bytes;

    public void Report(double value)
    {
        var now = _clock.Elapsed;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        _times.Add(now - _lastTime);
        _bytes.Add(bytes - _lastBytes);
        _lastTime = now;
        _lastBytes = bytes;
    }
}
