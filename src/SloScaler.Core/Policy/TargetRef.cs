using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>The workload to scale: any resource with a <c>scale</c> subresource.</summary>
public sealed record TargetRef
{
    [Description("The target's API group and version, e.g. apps/v1.")]
    public string? ApiVersion { get; init; }
    [Description("The target's kind, e.g. Deployment.")]
    public string? Kind { get; init; }
    [Description("The target's name, in the policy's namespace.")]
    public string? Name { get; init; }

    public override string ToString() => $"{Kind}/{Name}";
}
