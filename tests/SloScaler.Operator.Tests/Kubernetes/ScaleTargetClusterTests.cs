using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.Tests.Kubernetes.Support;
using SloScaler.Operator.Tests.Support;
using SloScaler.Operator.Tests.Fixtures;
using k8s.Models;
using k8s;

namespace SloScaler.Operator.Tests.Kubernetes;

/// <summary><see cref="KubernetesScaleTarget"/> against the real API server (no kubelet: pods never become ready).</summary>
public sealed class ScaleTargetClusterTests(KubeFixture kube) : IClassFixture<KubeFixture>
{
    [KubeTheory]
    [InlineData("Deployment")]
    [InlineData("StatefulSet")]
    [InlineData("ReplicaSet")]
    public async Task GetAndSet_Workload_ReadsAndWritesSpecReplicasThroughScale(string kind)
    {
        await using var ns = await kube.CreateNamespaceAsync("scale");
        await CreateWorkloadAsync(ns, kind, "web", replicas: 2);
        var target = new KubernetesScaleTarget(ns.Client);
        var web = new TargetReference("apps/v1", kind, "web");

        var before = await target.GetAsync(ns.Name, web, CancellationToken.None);
        var write = await target.SetReplicasAsync(ns.Name, web, 3, CancellationToken.None);
        var after = await target.GetAsync(ns.Name, web, CancellationToken.None);

        Assert.Equal(ScaleReading.Found(2, 0), before); // readyReplicas is omitted while none is ready
        Assert.Equal(ScaleWrite.Ok, write);
        Assert.Equal(3, after.SpecReplicas);
        Assert.Equal(3, await SpecReplicasAsync(ns, kind, "web"));
    }

    [KubeFact]
    public async Task GetAsync_MissingTarget_NotFoundWithTheApiServersMessage()
    {
        await using var ns = await kube.CreateNamespaceAsync("scale");
        var target = new KubernetesScaleTarget(ns.Client);

        var reading = await target.GetAsync(ns.Name, new TargetReference("apps/v1", "Deployment", "web"), CancellationToken.None);
        var write = await target.SetReplicasAsync(ns.Name, new TargetReference("apps/v1", "Deployment", "web"), 2, CancellationToken.None);

        Assert.Equal(ScaleReading.NotFound("deployments.apps \"web\" not found"), reading);
        Assert.Equal(ScaleWrite.Failed("deployments.apps \"web\" not found"), write);
    }

    [KubeFact]
    public async Task GetAsync_UnknownKindOrGroup_NotFound()
    {
        await using var ns = await kube.CreateNamespaceAsync("scale");
        var target = new KubernetesScaleTarget(ns.Client);

        var kind = await target.GetAsync(ns.Name, new TargetReference("apps/v1", "Rollout", "web"), CancellationToken.None);
        var group = await target.GetAsync(ns.Name, new TargetReference("nothing.example.com/v1", "Widget", "web"), CancellationToken.None);

        Assert.Equal(ScaleReading.NotFound("no matches for kind \"Rollout\" in version \"apps/v1\""), kind);
        Assert.Equal(ScaleReadingKind.NotFound, group.Kind);
    }

    [KubeFact]
    public async Task GetAsync_KindWithoutScaleSubresource_Fails()
    {
        await using var ns = await kube.CreateNamespaceAsync("scale");
        var target = new KubernetesScaleTarget(ns.Client);

        var reading = await target.GetAsync(ns.Name, new TargetReference("v1", "ConfigMap", "web"), CancellationToken.None);

        Assert.Equal(ScaleReading.Failed("configmaps has no scale subresource"), reading);
    }

    [KubeFact]
    public async Task GetAndSet_CustomResourceInstalledLater_FoundAfterRediscovery()
    {
        await using var ns = await kube.CreateNamespaceAsync("scale");
        var group = $"w{Guid.NewGuid().ToString("N")[..8]}.test.sloscaler.io";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var target = new KubernetesScaleTarget(ns.Client, timeProvider: time);
        var widget = new TargetReference($"{group}/v1", "Widget", "w1");
        Assert.Equal(ScaleReadingKind.NotFound, (await target.GetAsync(ns.Name, widget, CancellationToken.None)).Kind);

        await CreateWidgetCrdAsync(ns.Client, group);
        try
        {
            await ns.Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(
                new JsonObject { ["apiVersion"] = $"{group}/v1", ["kind"] = "Widget", ["metadata"] = new JsonObject { ["name"] = "w1" }, ["spec"] = new JsonObject { ["replicas"] = 1 } },
                group, "v1", ns.Name, "widgets");
            time.Advance(TimeSpan.FromSeconds(11)); // past the re-discovery throttle

            var before = await target.GetAsync(ns.Name, widget, CancellationToken.None);
            var write = await target.SetReplicasAsync(ns.Name, widget, 4, CancellationToken.None);
            var after = await target.GetAsync(ns.Name, widget, CancellationToken.None);

            Assert.Equal(ScaleReading.Found(1, null), before); // no status.readyReplicas on a Widget
            Assert.Equal(ScaleWrite.Ok, write);
            Assert.Equal(4, after.SpecReplicas);
        }
        finally
        {
            await ns.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"widgets.{group}");
        }
    }

    private static async Task CreateWidgetCrdAsync(IKubernetes client, string group)
    {
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"widgets.{group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1", Served = true, Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                        Subresources = new V1CustomResourceSubresources
                        {
                            Status = new Dictionary<string, object>(),
                            Scale = new V1CustomResourceSubresourceScale { SpecReplicasPath = ".spec.replicas", StatusReplicasPath = ".status.replicas" },
                        },
                    },
                ],
            },
        };
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        await KubeFixture.WaitEstablishedAsync(client, crd.Metadata.Name);
    }

    private static async Task CreateWorkloadAsync(TestNamespace ns, string kind, string name, int replicas)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        var selector = new V1LabelSelector { MatchLabels = labels };
        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = labels },
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                TerminationGracePeriodSeconds = 0,
                Containers = [new V1Container { Name = "app", Image = "sloscaler-test-placeholder" }],
            },
        };
        var metadata = new V1ObjectMeta { Name = name };
        switch (kind)
        {
            case "Deployment":
                await ns.Client.AppsV1.CreateNamespacedDeploymentAsync(
                    new V1Deployment { Metadata = metadata, Spec = new V1DeploymentSpec { Replicas = replicas, Selector = selector, Template = template } }, ns.Name);
                break;
            case "StatefulSet":
                await ns.Client.AppsV1.CreateNamespacedStatefulSetAsync(
                    new V1StatefulSet { Metadata = metadata, Spec = new V1StatefulSetSpec { Replicas = replicas, Selector = selector, Template = template, ServiceName = name } }, ns.Name);
                break;
            case "ReplicaSet":
                await ns.Client.AppsV1.CreateNamespacedReplicaSetAsync(
                    new V1ReplicaSet { Metadata = metadata, Spec = new V1ReplicaSetSpec { Replicas = replicas, Selector = selector, Template = template } }, ns.Name);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static async Task<int?> SpecReplicasAsync(TestNamespace ns, string kind, string name) => kind switch
    {
        "Deployment" => (await ns.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns.Name)).Spec.Replicas,
        "StatefulSet" => (await ns.Client.AppsV1.ReadNamespacedStatefulSetAsync(name, ns.Name)).Spec.Replicas,
        "ReplicaSet" => (await ns.Client.AppsV1.ReadNamespacedReplicaSetAsync(name, ns.Name)).Spec.Replicas,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
