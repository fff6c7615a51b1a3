using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>A policy stream the test writes to, like a watch: each change is delivered once, in order.</summary>
internal sealed class ChannelPolicySource : IPolicySource
{
    private readonly Channel<PolicyChange> _changes = Channel.CreateUnbounded<PolicyChange>();

    private volatile bool _waiting;

    public int Opened { get; private set; }

    /// <summary>True while the reader has taken every change and waits for the next one.</summary>
    public bool Drained => _waiting && _changes.Reader.Count == 0;

    public void Upsert(PolicySnapshot snapshot) => _changes.Writer.TryWrite(new PolicyChange(PolicyChangeKind.Upserted, snapshot));

    public void Delete(PolicySnapshot snapshot) => _changes.Writer.TryWrite(new PolicyChange(PolicyChangeKind.Deleted, snapshot));

    public PolicySnapshot Upsert(string name, ScalingPolicySpec? spec = null, long generation = 1, ScalingPolicyStatus? status = null, string ns = "shop")
    {
        var snapshot = new PolicySnapshot(new PolicyKey(ns, name), generation, "1", null, spec ?? SomeSpec.Valid(), status);
        Upsert(snapshot);
        return snapshot;
    }

    public async IAsyncEnumerable<PolicyChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Opened++;
        while (true)
        {
            while (_changes.Reader.TryRead(out var change)) yield return change;
            _waiting = true;
            var more = await _changes.Reader.WaitToReadAsync(cancellationToken);
            _waiting = false;
            if (!more) yield break;
        }
    }
}
