using System.Threading.Channels;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Tests.Kubernetes.Support;

/// <summary>Runs a policy source in the background and lets a test wait for the changes it expects.</summary>
internal sealed class PolicyStream : IAsyncDisposable
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly Channel<PolicyChange> _changes = Channel.CreateUnbounded<PolicyChange>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private readonly List<PolicyChange> _seen = [];

    public PolicyStream(IPolicySource source)
    {
        _pump = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in source.WatchAsync(_stop.Token)) await _changes.Writer.WriteAsync(change);
                _changes.Writer.TryComplete(new InvalidOperationException("the policy stream ended without being cancelled"));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                _changes.Writer.TryComplete();
            }
            catch (Exception e)
            {
                _changes.Writer.TryComplete(e);
            }
        });
    }

    /// <summary>Every change read so far, in order.</summary>
    public IReadOnlyList<PolicyChange> Seen => _seen;

    /// <summary>The next change that matches, skipping (but recording) others; fails after <paramref name="wait"/>.</summary>
    public async Task<PolicyChange> NextAsync(Func<PolicyChange, bool> match, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? DefaultWait);
        try
        {
            while (true)
            {
                var change = await _changes.Reader.ReadAsync(timeout.Token);
                _seen.Add(change);
                if (match(change)) return change;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"no matching change within {wait ?? DefaultWait}; seen: {Describe(_seen)}");
        }
    }

    public Task<PolicyChange> NextAsync(PolicyChangeKind kind, string name, TimeSpan? wait = null) =>
        NextAsync(c => c.Kind == kind && c.Policy.Key.Name == name, wait);

    /// <summary>Everything that arrives within <paramref name="quiet"/>.</summary>
    public async Task<IReadOnlyList<PolicyChange>> DrainAsync(TimeSpan quiet)
    {
        var drained = new List<PolicyChange>();
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            while (true)
            {
                var change = await _changes.Reader.ReadAsync(timeout.Token);
                _seen.Add(change);
                drained.Add(change);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return drained;
        }
    }

    public static string Describe(IEnumerable<PolicyChange> changes) =>
        string.Join(", ", changes.Select(c => $"{c.Kind} {c.Policy.Key} g{c.Policy.Generation} rv{c.Policy.ResourceVersion}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _stop.Dispose();
    }
}
