using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// A <c>sloscaler.io/v1alpha1</c> <c>ScalingPolicy</c> as KubernetesClient reads and writes it. Spec
/// and status are the core's own types and go through <see cref="PolicyJson.Options"/>, so their
/// JSON is exactly what the core writes, whatever <see cref="KubernetesJson"/> is configured with.
/// </summary>
[KubernetesEntity(Group = ScalingPolicy.Group, ApiVersion = ScalingPolicy.Version, Kind = ScalingPolicy.KindValue, PluralName = ScalingPolicy.Plural)]
public sealed class ScalingPolicyResource : IKubernetesObject<V1ObjectMeta>, ISpec<ScalingPolicySpec?>, IStatus<ScalingPolicyStatus?>
{
    public const string Group = ScalingPolicy.Group;
    public const string Version = ScalingPolicy.Version;
    public const string ApiVersionValue = ScalingPolicy.ApiVersionValue;
    public const string KindValue = ScalingPolicy.KindValue;
    public const string Plural = ScalingPolicy.Plural;
    public const string Singular = "scalingpolicy";
    public const string ShortName = ScalingPolicy.ShortName;
    public const string ListKind = KindValue + "List";

    /// <summary>The CRD's name, <c>scalingpolicies.sloscaler.io</c>.</summary>
    public const string CrdName = Plural + "." + Group;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KindValue;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    [JsonConverter(typeof(PolicyJsonConverter<ScalingPolicySpec>))]
    public ScalingPolicySpec? Spec { get; set; }

    [JsonPropertyName("status")]
    [JsonConverter(typeof(PolicyJsonConverter<ScalingPolicyStatus>))]
    public ScalingPolicyStatus? Status { get; set; }
}
