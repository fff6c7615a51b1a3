using SloScaler.Operator.Controller;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.Tests.Kubernetes.Support;
using SloScaler.Operator.Tests.Support;
using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Kubernetes;

/// <summary><see cref="KubernetesPolicySource"/> against the real API server.</summary>
public sealed class PolicySourceClusterTests(KubeFixture kube) : IClassFixture<KubeFixture>
{
    [KubeFact]
    public async Task WatchAsync_ExistingPolicies_ListedAsUpsertedFirst()
    {
        await using var ns = await kube.CreateNamespaceAsync("source");
        await ns.CreatePolicyAsync("a");
        await ns.CreatePolicyAsync("b", maxReplicas: 7);

        await using var stream = new PolicyStream(Source(ns.Name));
        var first = await stream.NextAsync(_ => true);
        var second = await stream.NextAsync(_ => true);

        var byName = new[] { first, second }.ToDictionary(c => c.Policy.Key.Name);
        Assert.All(byName.Values, c => Assert.Equal(PolicyChangeKind.Upserted, c.Kind));
        Assert.Equal(["a", "b"], byName.Keys.Order());
        var b = byName["b"].Policy;
        Assert.Equal((ns.Name, 1L, 7), (b.Key.Namespace, b.Generation, b.Spec?.MaxReplicas));
        Assert.False(string.IsNullOrEmpty(b.Uid));
        Assert.False(string.IsNullOrEmpty(b.ResourceVersion));
    }

    [KubeFact]
    public async Task WatchAsync_CreateUpdateDelete_Streamed_GenerationBumpsOnSpecChangesOnly()
    {
        await using var ns = await kube.CreateNamespaceAsync("source");
        using var counter = new RequestCounter();
        using var client = kube.Connect(counter);
        await using var stream = new PolicyStream(Source(ns.Name, client: client));
        await Eventually.True(() => counter.Watches >= 1, "the (empty) list is done and the watch asked for, so what follows arrives through the watch");

        await ns.CreatePolicyAsync("web");
        var created = await stream.NextAsync(PolicyChangeKind.Upserted, "web");
        await ns.PatchPolicyAsync("web", """{"spec": {"maxReplicas": 12}}""");
        var specChanged = await stream.NextAsync(c => c.Policy.Spec?.MaxReplicas == 12);
        await ns.PatchPolicyAsync("web", """{"metadata": {"labels": {"team": "a"}}}""");
        var labelled = await stream.NextAsync(c => c.Policy.ResourceVersion != specChanged.Policy.ResourceVersion);
        await ns.PatchPolicyStatusAsync("web", """{"status": {"currentReplicas": 3}}""");
        var statusChanged = await stream.NextAsync(c => c.Policy.Status?.CurrentReplicas == 3);
        await ns.DeletePolicyAsync("web");
        var deleted = await stream.NextAsync(PolicyChangeKind.Deleted, "web");

        Assert.Equal(1, created.Policy.Generation);
        Assert.Equal((PolicyChangeKind.Upserted, 2L), (specChanged.Kind, specChanged.Policy.Generation));
        Assert.Equal((PolicyChangeKind.Upserted, 2L), (labelled.Kind, labelled.Policy.Generation));
        Assert.Equal((PolicyChangeKind.Upserted, 2L), (statusChanged.Kind, statusChanged.Policy.Generation));
        Assert.Equal(created.Policy.Uid, deleted.Policy.Uid);
    }

    [KubeFact]
    public async Task WatchAsync_ServerEndsTheWatch_ResumesWithoutListingAgain()
    {
        await using var ns = await kube.CreateNamespaceAsync("source");
        await ns.CreatePolicyAsync("old");
        using var counter = new RequestCounter();
        using var client = kube.Connect(counter);
        await using var stream = new PolicyStream(Source(ns.Name, watchTimeout: TimeSpan.FromSeconds(1), client));
        await stream.NextAsync(PolicyChangeKind.Upserted, "old");

        await Eventually.True(() => counter.Watches >= 3, "the server ended the watch twice (every 1-2 s) and it was resumed");
        await ns.CreatePolicyAsync("new");
        await stream.NextAsync(PolicyChangeKind.Upserted, "new");

        Assert.Equal(["old", "new"], stream.Seen.Select(c => c.Policy.Key.Name)); // "old" was not listed again on resuming
        Assert.Equal(1, counter.Lists);
    }

    [KubeFact]
    public async Task WatchAsync_ResourceVersionExpired_ListsAgainAndReportsWhatVanished()
    {
        await using var ns = await kube.CreateNamespaceAsync("source");
        await ns.CreatePolicyAsync("stays");
        await ns.CreatePolicyAsync("goes");
        using var expire = new ExpireFirstWatchHandler();
        using var client = kube.Connect(expire);
        await using var stream = new PolicyStream(new KubernetesPolicySource(client, new KubernetesPolicySourceOptions { Namespaces = [ns.Name] }));
        var listed = new[] { await stream.NextAsync(_ => true), await stream.NextAsync(_ => true) };
        Assert.Equal(["goes", "stays"], listed.Select(c => c.Policy.Key.Name).Order());
        await expire.Held.WaitAsync(Eventually.Bound);

        // while the watch is down: one deleted, one created, one unchanged
        await ns.DeletePolicyAsync("goes");
        await ns.CreatePolicyAsync("arrives");
        expire.Release();
        var changes = new[] { await stream.NextAsync(_ => true), await stream.NextAsync(_ => true) };

        Assert.Contains(changes, c => c.Kind == PolicyChangeKind.Deleted && c.Policy.Key.Name == "goes");
        Assert.Contains(changes, c => c.Kind == PolicyChangeKind.Upserted && c.Policy.Key.Name == "arrives");
        await ns.PatchPolicyAsync("stays", """{"spec": {"maxReplicas": 5}}""");
        var patched = await stream.NextAsync(c => c.Policy.Key.Name == "stays" && c.Policy.Spec?.MaxReplicas == 5); // watching again
        Assert.Equal([.. listed, .. changes, patched], stream.Seen); // "stays" did not change while the watch was down: not repeated
        Assert.True(expire.Watches >= 2);
    }

    [KubeFact]
    public async Task WatchAsync_SpecTheModelCannotRead_EmittedWithNullSpec()
    {
        await using var ns = await kube.CreateNamespaceAsync("source");
        await using var stream = new PolicyStream(Source(ns.Name));
        var spec = SomeSpec.Json();
        spec["maxReplicas"] = 1099511627776; // a valid OpenAPI integer, too large for the model's int

        await ns.CreatePolicyAsync("huge", spec);
        var change = await stream.NextAsync(PolicyChangeKind.Upserted, "huge");
        await ns.CreatePolicyAsync("fine");
        var next = await stream.NextAsync(PolicyChangeKind.Upserted, "fine");

        Assert.Null(change.Policy.Spec);
        Assert.NotNull(next.Policy.Spec); // the stream goes on
    }

    [KubeFact]
    public async Task WatchAsync_SeveralNamespaces_OneStreamOfOnlyThose()
    {
        await using var a = await kube.CreateNamespaceAsync("source");
        await using var b = await kube.CreateNamespaceAsync("source");
        await using var other = await kube.CreateNamespaceAsync("source");
        await a.CreatePolicyAsync("in-a");
        await using var stream = new PolicyStream(new KubernetesPolicySource(kube.Client, new KubernetesPolicySourceOptions { Namespaces = [a.Name, b.Name] }));
        await stream.NextAsync(PolicyChangeKind.Upserted, "in-a");

        await other.CreatePolicyAsync("in-other");
        await b.CreatePolicyAsync("in-b");
        var inB = await stream.NextAsync(PolicyChangeKind.Upserted, "in-b");

        Assert.Equal(b.Name, inB.Policy.Key.Namespace);
        Assert.DoesNotContain(stream.Seen, c => c.Policy.Key.Namespace == other.Name);
    }

    [KubeFact]
    public async Task WatchAsync_AllNamespaces_SeesPoliciesAnywhere()
    {
        await using var ns = await kube.CreateNamespaceAsync("source");
        await using var stream = new PolicyStream(new KubernetesPolicySource(kube.Client));

        await ns.CreatePolicyAsync("anywhere");

        var change = await stream.NextAsync(c => c.Policy.Key.Namespace == ns.Name);
        Assert.Equal(("anywhere", PolicyChangeKind.Upserted), (change.Policy.Key.Name, change.Kind));
    }

    private KubernetesPolicySource Source(string @namespace, TimeSpan? watchTimeout = null, k8s.IKubernetes? client = null) =>
        new(client ?? kube.Client, new KubernetesPolicySourceOptions
        {
            Namespaces = [@namespace],
            WatchTimeout = watchTimeout ?? TimeSpan.FromMinutes(5),
            MinBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        });
}
