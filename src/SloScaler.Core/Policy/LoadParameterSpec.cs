namespace SloScaler.Core.Policy;

/// <summary>A load parameter: a PromQL query whose value is the load, and how much of it one replica carries within the SLO.</summary>
public sealed record LoadParameterSpec
{
    public string? Name { get; init; }
    public string? Query { get; init; }
    public Quantity? TargetPerReplica { get; init; }
}
