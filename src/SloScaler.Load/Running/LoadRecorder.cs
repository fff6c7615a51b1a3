using HdrHistogram;

namespace SloScaler.Load.Running;

/// <summary>
/// Records outcomes by intended send time into HDR histograms (microseconds, 3 significant
/// digits): one per interval and one for the run. Outcomes intended before <c>recordFrom</c>
/// (a warm-up) are left out of the run's totals but kept in their interval. Thread-safe.
/// </summary>
public sealed class LoadRecorder
{
    private const long HighestMicroseconds = 3_600_000_000;

    private readonly Lock _gate = new();
    private readonly TimeSpan _interval;
    private readonly TimeSpan _recordFrom;
    private readonly TimeSpan _duration;
    private readonly Window[] _windows;
    private readonly Window _overall = new();

    public LoadRecorder(TimeSpan interval, TimeSpan duration, TimeSpan recordFrom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _interval = interval;
        _duration = duration;
        _recordFrom = recordFrom;
        var count = Math.Max(1, (int)Math.Ceiling(duration / interval));
        _windows = new Window[count];
        for (var i = 0; i < count; i++)
        {
            _windows[i] = new Window();
        }
    }

    public void Sent(TimeSpan intended, bool late) => Count(intended, w => { w.Sent++; w.Late += late ? 1 : 0; });

    public void Dropped(TimeSpan intended) => Count(intended, w => w.Dropped++);

    public void Failed(TimeSpan intended) => Count(intended, w => w.Errors++);

    /// <summary>A success whose latency is its completion time minus its intended send time.</summary>
    public void Succeeded(TimeSpan intended, TimeSpan latency)
    {
        var micros = Math.Clamp((long)latency.TotalMicroseconds, 1, HighestMicroseconds);
        Count(intended, w => w.Histogram.RecordValue(micros));
    }

    public LoadReport Report(int planned, bool truncated, bool cancelled)
    {
        lock (_gate)
        {
            var intervals = _windows.Select((w, i) => w.Report(_interval * i, i == _windows.Length - 1 ? _duration - (_interval * i) : _interval)).ToArray();
            return new LoadReport(intervals, _overall.Report(_recordFrom, _duration - _recordFrom), planned, truncated, cancelled);
        }
    }

    private void Count(TimeSpan intended, Action<Window> update)
    {
        var index = Math.Clamp((int)(intended / _interval), 0, _windows.Length - 1);
        lock (_gate)
        {
            update(_windows[index]);
            if (intended >= _recordFrom)
            {
                update(_overall);
            }
        }
    }

    private sealed class Window
    {
        public LongHistogram Histogram { get; } = new(HighestMicroseconds, 3);

        public long Sent { get; set; }

        public long Late { get; set; }

        public long Dropped { get; set; }

        public long Errors { get; set; }

        public WindowReport Report(TimeSpan start, TimeSpan length) =>
            new(start, length, Sent, Late, Dropped, Errors, Summary());

        private LatencySummary Summary()
        {
            if (Histogram.TotalCount == 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0, 0);
            }

            return new LatencySummary(
                Histogram.TotalCount,
                Seconds(Histogram.GetValueAtPercentile(50)),
                Seconds(Histogram.GetValueAtPercentile(90)),
                Seconds(Histogram.GetValueAtPercentile(99)),
                Seconds(Histogram.GetValueAtPercentile(99.9)),
                Seconds(Histogram.GetMaxValue()));
        }

        private static double Seconds(long micros) => micros / 1e6;
    }
}
