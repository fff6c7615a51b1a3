using System.Text.Json;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using SloScaler.Core.Behavior;
using SloScaler.Core.Decisions;
using SloScaler.Core.Policy;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.Tests.Kubernetes.Support;

namespace SloScaler.Operator.Tests.Kubernetes;

public sealed class ScalingPolicyResourceJsonTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static ScalingPolicyStatus SomeStatus() => new()
    {
        ObservedGeneration = 3,
        CurrentReplicas = 4,
        DesiredReplicas = 6,
        RecommendedReplicas = 6,
        LoadParameters = [new LoadParameterStatus { Name = "rps", Value = 612.5, Forecast = 700, PerReplica = 120, Replicas = 6 }],
        LoadPerReplica = "rps 153/120",
        Latency = "312ms",
        Objective = "250ms",
        SloMet = false,
        Attainment = new AttainmentStatus { Window = "1h", Ratio = 0.9875 },
        LastScaleTime = T0.AddTicks(1234567),
        LastDecision = new DecisionSummary { Time = T0, From = 4, To = 6, Reason = "rps 612.5 needs 6 replicas", DryRun = false },
        Conditions = [new PolicyCondition { Type = "Ready", Status = "True", Reason = "Reconciled", Message = "ok", LastTransitionTime = T0, ObservedGeneration = 3 }],
        EngineState = new EngineState
        {
            Behavior = new BehaviorState(
                [new TimedReplicas(T0, 4), new TimedReplicas(T0.AddSeconds(15), 6)],
                [new TimedReplicas(T0.AddSeconds(15), 6)],
                [new TimedReplicas(T0.AddSeconds(15), 2)],
                []),
            CapacityFactor = 0.93,
            CapacityLearnedAt = T0,
            ConsecutiveFailures = 1,
            LastScaleTime = T0.AddSeconds(15),
            LastEvaluationTime = T0.AddSeconds(30),
            LastLatency = 0.312,
            LoadHistory = [new LoadHistory("rps", [new TimedValue(T0, 600), new TimedValue(T0.AddSeconds(15), 612.5)])],
            Attainment = [new AttainmentBucket(T0, 540, 600)],
        },
    };

    [Fact]
    public void KubernetesJson_SpecAndStatus_WrittenExactlyAsPolicyJson()
    {
        var (spec, status) = (SampleSpec(), SomeStatus());
        var resource = new ScalingPolicyResource { Metadata = new() { Name = "checkout", NamespaceProperty = "shop" }, Spec = spec, Status = status };

        using var json = JsonDocument.Parse(KubernetesJson.Serialize(resource));

        Assert.Equal(JsonSerializer.Serialize(spec, PolicyJson.Options), json.RootElement.GetProperty("spec").GetRawText());
        Assert.Equal(JsonSerializer.Serialize(status, PolicyJson.Options), json.RootElement.GetProperty("status").GetRawText());
        Assert.Equal("sloscaler.io/v1alpha1", json.RootElement.GetProperty("apiVersion").GetString());
        Assert.Equal("ScalingPolicy", json.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public void KubernetesJson_RoundTrip_KeepsSpecStatusAndEngineState()
    {
        var resource = new ScalingPolicyResource { Metadata = new() { Name = "checkout" }, Spec = SampleSpec(), Status = SomeStatus() };

        var back = KubernetesJson.Deserialize<ScalingPolicyResource>(KubernetesJson.Serialize(resource));

        Assert.Equal(JsonSerializer.Serialize(resource.Spec, PolicyJson.Options), JsonSerializer.Serialize(back.Spec, PolicyJson.Options));
        Assert.Equal(JsonSerializer.Serialize(resource.Status, PolicyJson.Options), JsonSerializer.Serialize(back.Status, PolicyJson.Options));
        Assert.Equal(resource.Status!.EngineState!.Behavior, back.Status!.EngineState!.Behavior);
        Assert.Equal(resource.Status.LastScaleTime, back.Status.LastScaleTime);
    }

    [Fact]
    public void KubernetesJson_List_ReadsItems()
    {
        var list = new ScalingPolicyResourceList { Items = [new ScalingPolicyResource { Metadata = new() { Name = "a" }, Spec = SampleSpec() }] };

        var back = KubernetesJson.Deserialize<ScalingPolicyResourceList>(KubernetesJson.Serialize(list));

        Assert.Equal("ScalingPolicyList", back.Kind);
        Assert.Equal("a", Assert.Single(back.Items).Metadata.Name);
        Assert.Equal(40, back.Items[0].Spec!.MaxReplicas);
    }

    [Fact]
    public void SnapshotReader_MalformedSpec_ReadsPolicyWithNullSpec()
    {
        var item = JsonDocument.Parse("""
            {"metadata": {"name": "big", "namespace": "ns", "generation": 2, "resourceVersion": "17", "uid": "u-1"},
             "spec": {"maxReplicas": 1099511627776}, "status": {"currentReplicas": 3}}
            """).RootElement;

        var snapshot = PolicySnapshotReader.Read(item, NullLogger.Instance);

        Assert.NotNull(snapshot);
        Assert.Equal(("ns", "big", 2L, "17", "u-1"), (snapshot.Key.Namespace, snapshot.Key.Name, snapshot.Generation, snapshot.ResourceVersion, snapshot.Uid));
        Assert.Null(snapshot.Spec);
        Assert.Equal(3, snapshot.Status?.CurrentReplicas);
    }

    private static ScalingPolicySpec SampleSpec()
    {
        var loaded = Assert.Single(PolicyDocuments.Load(File.ReadAllText(Repo.PathOf("config", "samples", "web-api-rps.yaml"))));
        return loaded.Policy!.Spec!;
    }
}
