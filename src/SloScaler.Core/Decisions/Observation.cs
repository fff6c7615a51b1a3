using SloScaler.Core.Observations;

namespace SloScaler.Core.Decisions;

/// <summary>One load parameter's reading in this evaluation.</summary>
public sealed record LoadObservation(string Name, MetricReading Reading);

/// <summary>Everything the engine sees in one evaluation.</summary>
/// <param name="Loads">One reading per declared load parameter, by name.</param>
/// <param name="Latency">The tail latency in seconds.</param>
/// <param name="CurrentReplicas">The target's scale <c>spec.replicas</c>.</param>
/// <param name="ReadyReplicas">Replicas serving, when the target reports it; null when unknown.</param>
public sealed record Observation(IReadOnlyList<LoadObservation> Loads, MetricReading Latency, int CurrentReplicas, int? ReadyReplicas = null)
{
    public MetricReading? LoadOf(string name)
    {
        foreach (var load in Loads.Each())
        {
            if (load.Name == name) return load.Reading;
        }
        return null;
    }
}
