using System.Text.Json;
using System.Text;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Tests.Kubernetes.Support;
using SloScaler.Operator.Tests.Support;
using SloScaler.Operator.Tests.Fixtures;
using k8s;

namespace SloScaler.Operator.Tests.Kubernetes;

/// <summary><see cref="KubernetesStatusSink"/> against the real API server.</summary>
public sealed class StatusSinkClusterTests(KubeFixture kube) : IClassFixture<KubeFixture>
{
    [KubeFact]
    public async Task ReportAsync_Material_WritesTheStatusThroughTheSubresource()
    {
        await using var ns = await kube.CreateNamespaceAsync("status");
        await ns.CreatePolicyAsync("web");
        var sink = new KubernetesStatusSink(ns.Client);
        var status = ScalingPolicyResourceJsonTests.SomeStatus();

        await sink.ReportAsync(Report(ns, "web", status), CancellationToken.None);
        var stored = await ns.GetPolicyAsync("web");

        Assert.Equal(Json(status), Json(stored.Status));
        Assert.Equal(1, stored.Metadata.Generation); // a status write is no spec change
    }

    [KubeFact]
    public async Task ReportAsync_NotMaterial_WritesNoStatus()
    {
        await using var ns = await kube.CreateNamespaceAsync("status");
        await ns.CreatePolicyAsync("web");
        var sink = new KubernetesStatusSink(ns.Client);

        await sink.ReportAsync(Report(ns, "web", new ScalingPolicyStatus { CurrentReplicas = 9 }) with { Material = false }, CancellationToken.None);

        Assert.Null((await ns.GetPolicyAsync("web")).Status);
    }

    [KubeFact]
    public async Task MainResourceWrite_CarryingAStatus_LeavesTheStatusAlone()
    {
        await using var ns = await kube.CreateNamespaceAsync("status");
        await ns.CreatePolicyAsync("web");
        var sink = new KubernetesStatusSink(ns.Client);
        await sink.ReportAsync(Report(ns, "web", new ScalingPolicyStatus { CurrentReplicas = 4, Latency = "200ms" }), CancellationToken.None);

        await ns.PatchPolicyAsync("web", """{"metadata": {"labels": {"team": "a"}}, "status": {"currentReplicas": 99, "latency": "9s"}}""");
        var stored = await ns.GetPolicyAsync("web");

        Assert.Equal("a", stored.Metadata.Labels["team"]);
        Assert.Equal((4, "200ms"), (stored.Status?.CurrentReplicas, stored.Status?.Latency));
    }

    [KubeFact]
    public async Task ReportAsync_WithAConcurrentStatusWriter_TheNewStatusWinsWhole()
    {
        await using var ns = await kube.CreateNamespaceAsync("status");
        await ns.CreatePolicyAsync("web");
        var sink = new KubernetesStatusSink(ns.Client);
        var stale = await ns.GetPolicyAsync("web"); // someone else read it before our writes
        using var stop = new CancellationTokenSource();
        var other = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await ns.PatchPolicyStatusAsync("web", $$$"""{"status": {"latency": "{{{i}}}s", "currentReplicas": {{{100 + i}}}}}""");
        });

        for (var i = 1; i <= 5; i++)
            await sink.ReportAsync(Report(ns, "web", new ScalingPolicyStatus { DesiredReplicas = i, ObservedGeneration = 1 }), CancellationToken.None);
        await stop.CancelAsync();
        await other;
        var final = new ScalingPolicyStatus { DesiredReplicas = 6, ObservedGeneration = 1, Objective = "250ms" };
        await sink.ReportAsync(Report(ns, "web", final), CancellationToken.None);

        var stored = await ns.GetPolicyAsync("web");
        Assert.Equal(Json(final), Json(stored.Status)); // nothing of the other writer's status is left
        Assert.NotEqual(stale.Metadata.ResourceVersion, stored.Metadata.ResourceVersion);
    }

    [KubeFact]
    public async Task ReportAsync_Events_RecordedAsEventsV1RegardingThePolicy()
    {
        await using var ns = await kube.CreateNamespaceAsync("events");
        var created = await ns.CreatePolicyAsync("web");
        var uid = created.GetProperty("metadata").GetProperty("uid").GetString();
        var sink = new KubernetesStatusSink(ns.Client, new KubernetesStatusSinkOptions { ReportingInstance = "operator-0" });
        var longNote = string.Concat(Enumerable.Repeat("rps 612/120 → 6 replicas; ", 80));
        var report = Report(ns, "web", new ScalingPolicyStatus()) with
        {
            Material = false,
            Events = [new PolicyEvent(PolicyEvent.Normal, "Scaled", "Deployment/web 4 → 6: rps 612.5"), new PolicyEvent(PolicyEvent.Warning, "MetricsUnavailable", longNote)],
        };

        await sink.ReportAsync(report, CancellationToken.None);

        var events = (await ns.Client.EventsV1.ListNamespacedEventAsync(ns.Name)).Items.OrderBy(e => e.Reason, StringComparer.Ordinal).ToList();
        Assert.Equal(["MetricsUnavailable", "Scaled"], events.Select(e => e.Reason));
        foreach (var e in events)
        {
            Assert.Equal(("ScalingPolicy", "web", uid), (e.Regarding.Kind, e.Regarding.Name, e.Regarding.Uid));
            Assert.Equal(("sloscaler.io/operator", "operator-0"), (e.ReportingController, e.ReportingInstance));
            Assert.StartsWith("web.", e.Metadata.Name, StringComparison.Ordinal);
        }
        Assert.Equal(("Evaluate", "Warning"), (events[0].Action, events[0].Type));
        Assert.True(Encoding.UTF8.GetByteCount(events[0].Note) <= 1024);
        Assert.Equal(("Scale", "Normal", "Deployment/web 4 → 6: rps 612.5"), (events[1].Action, events[1].Type, events[1].Note));
        var raw = await new KubernetesHttp(ns.Client).GetAsync($"apis/events.k8s.io/v1/namespaces/{ns.Name}/events", CancellationToken.None);
        Assert.Matches("\"eventTime\":\"[0-9T:-]+\\.[0-9]{6}Z\"", raw.Body); // microseconds, as MicroTime is
    }

    [KubeFact]
    public async Task ReportAsync_PolicyGone_LogsAndReturns()
    {
        await using var ns = await kube.CreateNamespaceAsync("status");
        var sink = new KubernetesStatusSink(ns.Client);

        await sink.ReportAsync(Report(ns, "gone", new ScalingPolicyStatus { CurrentReplicas = 1 }), CancellationToken.None);

        Assert.Empty((await ns.Client.EventsV1.ListNamespacedEventAsync(ns.Name)).Items);
    }

    private static PolicyReport Report(TestNamespace ns, string name, ScalingPolicyStatus status) =>
        new(new PolicyKey(ns.Name, name), status, [], Material: true, Decision: null, Problems: [], DryRun: false);

    private static string Json(ScalingPolicyStatus? status) => JsonSerializer.Serialize(status, PolicyJson.Options);
}
