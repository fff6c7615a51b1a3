using SloScaler.Operator.Kubernetes;
using k8s.Models;
using k8s;

namespace SloScaler.Operator.Crd;

/// <summary>
/// The <c>scalingpolicies.sloscaler.io</c> CustomResourceDefinition, generated from the C# model
/// (<see cref="PolicySchema"/>): status subresource, short name <c>sp</c>, and the columns of
/// <c>kubectl get sp</c>. Valid for Kubernetes 1.20 and later (no CEL rules, which 1.20 drops).
/// </summary>
public static class CrdGenerator
{
    public static V1CustomResourceDefinition Generate() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = V1CustomResourceDefinition.KubeKind,
        Metadata = new V1ObjectMeta
        {
            Name = ScalingPolicyResource.CrdName,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "sloscaler", ["app.kubernetes.io/part-of"] = "sloscaler" },
        },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = ScalingPolicyResource.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames
            {
                Plural = ScalingPolicyResource.Plural,
                Singular = ScalingPolicyResource.Singular,
                Kind = ScalingPolicyResource.KindValue,
                ListKind = ScalingPolicyResource.ListKind,
                ShortNames = [ScalingPolicyResource.ShortName],
            },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = ScalingPolicyResource.Version,
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = SchemaProps.From(PolicySchema.Build()),
                    },
                    Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                    AdditionalPrinterColumns = Columns(),
                },
            ],
        },
    };

    private static List<V1CustomResourceColumnDefinition> Columns() =>
    [
        Column("Target", "string", ".spec.targetRef.name", "The workload scaled"),
        Column("Mode", "string", ".spec.mode", "Elastic (the operator sets replicas) or Manual"),
        Column("Min", "integer", ".spec.minReplicas", "Fewest replicas"),
        Column("Max", "integer", ".spec.maxReplicas", "Most replicas"),
        Column("Replicas", "integer", ".status.currentReplicas", "Replicas the target had at the last evaluation"),
        Column("Desired", "integer", ".status.desiredReplicas", "Replicas the operator set or would set"),
        Column("Load/Replica", "string", ".status.loadPerReplica", "Observed load per replica against its target"),
        Column("p99", "string", ".status.latency", "Observed tail latency"),
        Column("Objective", "string", ".spec.slo.objective", "The tail-latency objective"),
        Column("SLO Met", "boolean", ".status.sloMet", "Whether the tail latency met the objective"),
        Column("Age", "date", ".metadata.creationTimestamp", null),
    ];

    private static V1CustomResourceColumnDefinition Column(string name, string type, string jsonPath, string? description) =>
        new() { Name = name, Type = type, JsonPath = jsonPath, Description = description };
}
