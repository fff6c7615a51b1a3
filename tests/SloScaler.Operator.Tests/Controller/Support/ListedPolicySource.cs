using System.Runtime.CompilerServices;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>A fixed set of policies that can be listed once (as <c>run --once</c> needs) or watched.</summary>
internal sealed class ListedPolicySource(params PolicySnapshot[] policies) : IPolicySource, IPolicyListing
{
    public bool HasSynced { get; private set; }

    public int Lists { get; private set; }

    public Task<IReadOnlyList<PolicySnapshot>> ListAsync(CancellationToken cancellationToken)
    {
        Lists++;
        return Task.FromResult<IReadOnlyList<PolicySnapshot>>(policies);
    }

    public async IAsyncEnumerable<PolicyChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var p in policies) yield return new PolicyChange(PolicyChangeKind.Upserted, p);
        HasSynced = true;
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
