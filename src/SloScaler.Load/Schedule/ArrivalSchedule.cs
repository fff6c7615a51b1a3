using SloScaler.Simulation.Traces;

namespace SloScaler.Load.Schedule;

/// <summary>
/// Builds the Poisson arrival times of a trace replay, pure and seeded. The trace is
/// time-compressed: real time t plays trace time t·compression, at the trace's rate there times
/// <c>rateScale</c> (compression shortens the replay; it does not multiply the load). Arrivals are
/// a non-homogeneous Poisson process drawn by thinning (Lewis–Shedler): candidates at the peak
/// rate, each kept with probability rate(t)/peak.
/// </summary>
public static class ArrivalSchedule
{
    public static ArrivalPlan Build(Trace trace, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var full = trace.Duration / options.Compression;
        var duration = full <= options.MaxDuration ? full : options.MaxDuration;
        var truncated = full > options.MaxDuration;
        var peak = trace.Peak * options.RateScale;
        var offsets = new List<TimeSpan>();
        if (peak <= 0)
        {
            return new ArrivalPlan(offsets, duration, truncated);
        }

        var random = new Random(options.Seed);
        var seconds = 0.0;
        var end = duration.TotalSeconds;
        while (true)
        {
            seconds += -Math.Log(1.0 - random.NextDouble()) / peak;
            if (seconds >= end)
            {
                break;
            }

            var at = TimeSpan.FromSeconds(seconds);
            var rate = trace.RateAt(at * options.Compression) * options.RateScale;
            if (random.NextDouble() * peak >= rate)
            {
                continue;
            }

            if (offsets.Count == options.MaxRequests)
            {
                truncated = true;
                break;
            }

            offsets.Add(at);
        }

        return new ArrivalPlan(offsets, duration, truncated);
    }

    /// <summary>A constant-rate Poisson plan of <paramref name="duration"/> (the calibration step).</summary>
    public static ArrivalPlan Constant(double rate, TimeSpan duration, int seed, int maxRequests)
    {
        var trace = new Trace("constant", duration, [rate]);
        return Build(trace, new ScheduleOptions { Seed = seed, MaxRequests = maxRequests, MaxDuration = duration });
    }
}
