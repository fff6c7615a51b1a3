using System.Threading.Channels;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Once;

/// <summary>
/// The policies to evaluate once: the source's own list when it can give one, otherwise the
/// watch stream's first burst, taken as complete once the stream has been quiet for a while.
/// </summary>
internal static class OnceListing
{
    public static async Task<IReadOnlyList<PolicySnapshot>> ListAsync(
        IPolicySource source, TimeSpan quietPeriod, TimeProvider time, CancellationToken cancellationToken)
    {
        if (source is IPolicyListing listing) return await listing.ListAsync(cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<PolicyChange>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pump = PumpAsync(source, channel.Writer, stop.Token);
        var seen = new Dictionary<Core.Reconcile.PolicyKey, PolicySnapshot>();
        try
        {
            while (true)
            {
                while (channel.Reader.TryRead(out var change))
                {
                    if (change.Kind == PolicyChangeKind.Deleted) seen.Remove(change.Policy.Key);
                    else seen[change.Policy.Key] = change.Policy;
                }
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                using var _ = time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), quiet, quietPeriod, Timeout.InfiniteTimeSpan);
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(quiet.Token)) break; // the stream ended
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break; // quiet: the first list is in
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await pump;
        }
        return [.. seen.Values];
    }

    private static async Task PumpAsync(IPolicySource source, ChannelWriter<PolicyChange> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var change in source.WatchAsync(cancellationToken).WithCancellation(cancellationToken))
                await writer.WriteAsync(change, cancellationToken);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e is OperationCanceledException ? null : e);
        }
    }
}
