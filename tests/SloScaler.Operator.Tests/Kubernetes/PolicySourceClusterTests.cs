using SloScaler.Operator.Controller;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.Tests.Kubernetes.Support;
using SloScaler.Operator.Tests.Support;
using SloScaler.Testing.Builders;

namespace SloScaler.Operator.Tests.Kubernetes;

/// <summary><see cref="KubernetesPolicySource"/> against the real API server.</summary>
public sealed class PolicySourceClusterTests
{
    [KubeFact]
    public async Task WatchAsync_ExistingPolicies_ListedAsUpsertedFirst()
    {
        await using var ns = await KubeNamespace.CreateAsync("source");
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
        await using var ns = await KubeNamespace.CreateAsync("source");
        await using var stream = new PolicyStream(Source(ns.Name));
        await Task.Delay(300); // let the (empty) list finish, so what follows arrives through the watch

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
        await using var ns = await KubeNamespace.CreateAsync("source");
        await ns.CreatePolicyAsync("old");
        using var counter = new RequestCounter();
        using var client = KubeCluster.Connect(counter);
        await using var stream = new PolicyStream(Source(ns.Name, watchTimeout: TimeSpan.FromSeconds(1), client));
        await stream.NextAsync(PolicyChangeKind.Upserted, "old");

        var quiet = await stream.DrainAsync(TimeSpan.FromSeconds(4.5)); // the server ends a watch every 1-2 s
        await ns.CreatePolicyAsync("new");
        await stream.NextAsync(PolicyChangeKind.Upserted, "new");

        Assert.Empty(quiet);
        Assert.DoesNotContain(stream.Seen.Skip(1), c => c.Policy.Key.Name == "old");
        Assert.Equal(1, counter.Lists);
        Assert.True(counter.Watches >= 3, $"{counter.Watches} watches");
    }

    [KubeFact]
    public async Task WatchAsync_ResourceVersionExpired_ListsAgainAndReportsWhatVanished()
    {
        await using var ns = await KubeNamespace.CreateAsync("source");
        await ns.CreatePolicyAsync("stays");
        await ns.CreatePolicyAsync("goes");
        using var expire = new ExpireFirstWatchHandler();
        using var client = KubeCluster.Connect(expire);
        await using var stream = new PolicyStream(new KubernetesPolicySource(client, new KubernetesPolicySourceOptions { Namespaces = [ns.Name] }));
        var listed = new[] { await stream.NextAsync(_ => true), await stream.NextAsync(_ => true) };
        Assert.Equal(["goes", "stays"], listed.Select(c => c.Policy.Key.Name).Order());
        await expire.Held.WaitAsync(TimeSpan.FromSeconds(10));

        // while the watch is down: one deleted, one created, one unchanged
        await ns.DeletePolicyAsync("goes");
        await ns.CreatePolicyAsync("arrives");
        expire.Release();
        var changes = new[] { await stream.NextAsync(_ => true), await stream.NextAsync(_ => true) };

        Assert.Contains(changes, c => c.Kind == PolicyChangeKind.Deleted && c.Policy.Key.Name == "goes");
        Assert.Contains(changes, c => c.Kind == PolicyChangeKind.Upserted && c.Policy.Key.Name == "arrives");
        Assert.Empty(await stream.DrainAsync(TimeSpan.FromSeconds(1))); // "stays" did not change: not repeated
        await ns.PatchPolicyAsync("stays", """{"spec": {"maxReplicas": 5}}""");
        await stream.NextAsync(c => c.Policy.Key.Name == "stays" && c.Policy.Spec?.MaxReplicas == 5); // watching again
        Assert.True(expire.Watches >= 2);
    }

    [KubeFact]
    public async Task WatchAsync_SpecTheModelCannotRead_EmittedWithNullSpec()
    {
        await using var ns = await KubeNamespace.CreateAsync("source");
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
        await using var a = await KubeNamespace.CreateAsync("source");
        await using var b = await KubeNamespace.CreateAsync("source");
        await using var other = await KubeNamespace.CreateAsync("source");
        await a.CreatePolicyAsync("in-a");
        await using var stream = new PolicyStream(new KubernetesPolicySource(KubeCluster.Client, new KubernetesPolicySourceOptions { Namespaces = [a.Name, b.Name] }));
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
        await using var ns = await KubeNamespace.CreateAsync("source");
        await using var stream = new PolicyStream(new KubernetesPolicySource(KubeCluster.Client));

        await ns.CreatePolicyAsync("anywhere");

        var change = await stream.NextAsync(c => c.Policy.Key.Namespace == ns.Name);
        Assert.Equal(("anywhere", PolicyChangeKind.Upserted), (change.Policy.Key.Name, change.Kind));
    }

    private static KubernetesPolicySource Source(string @namespace, TimeSpan? watchTimeout = null, k8s.IKubernetes? client = null) =>
        new(client ?? KubeCluster.Client, new KubernetesPolicySourceOptions
        {
            Namespaces = [@namespace],
            WatchTimeout = watchTimeout ?? TimeSpan.FromMinutes(5),
            MinBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
        });
}
