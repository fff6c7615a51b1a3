namespace SloScaler.Core.Policy;

/// <summary>The workload to scale: any resource with a <c>scale</c> subresource.</summary>
public sealed record TargetRef
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }

    public override string ToString() => $"{Kind}/{Name}";
}
