namespace SloScaler.Core.Policy;

/// <summary>
/// A <c>sloscaler.io/v1alpha1</c> <c>ScalingPolicy</c> as read from YAML or JSON, outside any cluster
/// client. The operator maps its Kubernetes object onto the same spec and status types.
/// </summary>
public sealed record ScalingPolicy
{
    public const string Group = "sloscaler.io";
    public const string Version = "v1alpha1";
    public const string ApiVersionValue = Group + "/" + Version;
    public const string KindValue = "ScalingPolicy";
    public const string Plural = "scalingpolicies";
    public const string ShortName = "sp";

    public string? ApiVersion { get; init; } = ApiVersionValue;
    public string? Kind { get; init; } = KindValue;
    public PolicyMetadata? Metadata { get; init; }
    public ScalingPolicySpec? Spec { get; init; }
    public ScalingPolicyStatus? Status { get; init; }
}
