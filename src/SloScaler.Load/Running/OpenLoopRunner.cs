using SloScaler.Load.Schedule;

namespace SloScaler.Load.Running;

/// <summary>
/// Plays an <see cref="ArrivalPlan"/> open-loop: each request leaves at its intended time whether
/// or not earlier ones have answered, and its latency runs from that intended time, so neither a
/// slow server nor a late dispatcher can hide a stall (no coordinated omission, as in wrk2).
/// The run stops by itself at the end of the plan, once every request in flight has finished.
/// </summary>
public sealed class OpenLoopRunner(IRequestSender sender, TimeProvider time, RunOptions options)
{
    public async Task<LoadReport> RunAsync(ArrivalPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var recorder = new LoadRecorder(options.Interval, plan.Duration, options.RecordFrom);
        var inFlight = new List<Task>(plan.Count);
        var active = 0;
        var cancelled = false;
        var start = time.GetTimestamp();
        foreach (var intended in plan.Offsets)
        {
            var wait = intended - time.GetElapsedTime(start);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                break;
            }

            if (Volatile.Read(ref active) >= options.MaxInFlight)
            {
                recorder.Dropped(intended);
                continue;
            }

            recorder.Sent(intended, time.GetElapsedTime(start) - intended > options.LateAfter);
            Interlocked.Increment(ref active);
            inFlight.Add(SendOne(intended));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return recorder.Report(plan.Count, plan.Truncated, cancelled);

        async Task SendOne(TimeSpan intended)
        {
            try
            {
                var ok = await sender.SendAsync(cancellationToken).ConfigureAwait(false);
                if (ok)
                {
                    recorder.Succeeded(intended, time.GetElapsedTime(start) - intended);
                }
                else
                {
                    recorder.Failed(intended);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                recorder.Failed(intended);
            }
            finally
            {
                Interlocked.Decrement(ref active);
            }
        }
    }
}
