using Microsoft.Extensions.Logging;

namespace SloScaler.Operator.Controller;

/// <summary>
/// Reads the source's policy stream until stopped, re-opening it after
/// <see cref="PolicyControllerOptions.WatchRetryDelay"/> when it ends or fails, and tells the
/// <see cref="SyncTracker"/> when it opens and when a change arrives.
/// </summary>
internal sealed class ReconnectingWatch(IPolicySource source, PolicyControllerOptions options, SyncTracker sync, TimeProvider time, ILogger logger)
{
    /// <summary>Delivers every change to <paramref name="apply"/> until <paramref name="stop"/> fires.</summary>
    public async Task RunAsync(Action<PolicyChange> apply, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                sync.Opened();
                await foreach (var change in source.WatchAsync(stop).WithCancellation(stop))
                {
                    sync.Changed();
                    apply(change);
                }
                logger.LogWarning("The policy stream ended; reopening it in {Delay}", options.WatchRetryDelay);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The policy stream failed; reopening it in {Delay}", options.WatchRetryDelay);
            }
            try
            {
                await Task.Delay(options.WatchRetryDelay, time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
