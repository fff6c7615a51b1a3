namespace SloScaler.Core.Policy;

/// <summary>The slice of Kubernetes object metadata the core needs.</summary>
public sealed record PolicyMetadata
{
    public string? Name { get; init; }
    public string? Namespace { get; init; }
    public long? Generation { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
