using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SloScaler.Operator.Kubernetes;

/// <summary>A <c>ScalingPolicyList</c>, as a list call returns it.</summary>
public sealed class ScalingPolicyResourceList : IKubernetesObject<V1ListMeta>, IItems<ScalingPolicyResource>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ScalingPolicyResource.ApiVersionValue;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = ScalingPolicyResource.ListKind;

    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    [JsonPropertyName("items")]
    public IList<ScalingPolicyResource> Items { get; set; } = [];
}
