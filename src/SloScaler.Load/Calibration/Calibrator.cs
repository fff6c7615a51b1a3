using SloScaler.Load.Running;
using SloScaler.Load.Schedule;

namespace SloScaler.Load.Calibration;

/// <summary>Runs a step test against one replica: each step an open-loop constant-rate Poisson run.</summary>
public sealed class Calibrator(IRequestSender sender, TimeProvider time, int maxInFlight = 2_000)
{
    /// <summary>The quantile the objective applies to (the p99, as the policies' SLO query).</summary>
    public const double Quantile = 0.99;

    public async Task<CalibrationResult> RunAsync(CalibrationOptions options, Action<CalibrationStep>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var steps = new List<CalibrationStep>();
        var total = options.Warmup + options.Measure;

        // A cold target (JIT, connection pools, caches) is slow for its first seconds: one
        // discarded step at the start rate first, so the first measured step sees it warm.
        var prime = ArrivalSchedule.Constant(options.StartRate, total, options.Seed - 1, int.MaxValue);
        await new OpenLoopRunner(sender, time, new RunOptions { Interval = total, MaxInFlight = maxInFlight }).RunAsync(prime, cancellationToken).ConfigureAwait(false);

        while (CalibrationSearch.NextRate(steps, options) is { } rate && !cancellationToken.IsCancellationRequested)
        {
            var maxRequests = (int)Math.Min(int.MaxValue, Math.Ceiling(rate * total.TotalSeconds * 3) + 100);
            var runner = new OpenLoopRunner(sender, time, new RunOptions { Interval = total, RecordFrom = options.Warmup, MaxInFlight = maxInFlight });
            LoadReport report;
            var attempt = 0;
            do
            {
                // A step the generator could not send on schedule (its own machine paused) measured
                // the machine, not the service: run it again, with fresh arrivals, a bounded number of times.
                var plan = ArrivalSchedule.Constant(rate, total, options.Seed + (1_000 * attempt) + steps.Count, maxRequests);
                report = await runner.RunAsync(plan, cancellationToken).ConfigureAwait(false);
                attempt++;
            }
            while (attempt <= options.RetriesWhenLate && report.Overall.Late > options.MaxLateRatio * (report.Overall.Sent + report.Overall.Dropped) && !cancellationToken.IsCancellationRequested);

            var measured = report.Overall;
            var requests = measured.Sent + measured.Dropped;
            var failures = measured.Errors + measured.Dropped;
            var passed = measured.Latency.Count > 0
                && measured.Latency.P99 <= options.Objective.TotalSeconds
                && failures <= options.MaxErrorRatio * requests;
            var step = new CalibrationStep(rate, measured, Quantile, passed) { Attempts = attempt };
            steps.Add(step);
            progress?.Invoke(step);
        }

        return CalibrationSearch.Conclude(steps, options);
    }
}
