using System.ComponentModel;

namespace SloScaler.Core.Policy;

/// <summary>A load parameter: a PromQL query whose value is the load, and how much of it one replica carries within the SLO.</summary>
public sealed record LoadParameterSpec
{
    [Description("A name for the load parameter, unique within the policy (e.g. rps, queueDepth).")]
    public string? Name { get; init; }
    [Description("PromQL whose value is the load the service must carry, e.g. sum(rate(http_requests_total[1m])). An empty, NaN or infinite result is unknown, never zero.")]
    public string? Query { get; init; }
    [Description("How much of that load one replica carries while the SLO holds: a Kubernetes quantity, an integer or a string (120, \"1.5\", 1500m, 1.2k).")]
    public Quantity? TargetPerReplica { get; init; }
}
