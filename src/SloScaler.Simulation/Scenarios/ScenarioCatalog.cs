using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Scenarios;

/// <summary>The built-in scenarios and scenarios from trace files, each scaled so its peak needs a chosen number of replicas.</summary>
public static class ScenarioCatalog
{
    public const int DefaultPeakReplicas = 40;

    public static IReadOnlyList<string> BuiltInNames { get; } = BuiltInTraces.Names;

    public static IReadOnlyList<string> RealTraceNames { get; } = EmbeddedTraces.Names;

    /// <summary>A built-in scenario or an embedded real trace by name, or null.</summary>
    public static ScenarioSpec? Find(string name, int peakReplicas = DefaultPeakReplicas, ServiceProfile? service = null, int seed = 1, double noise = 0)
    {
        var trace = TraceCatalog.Find(name, seed);
        return trace is null ? null : FromTrace(trace, peakReplicas, service, seed, noise) with
        {
            DeclaredCapacityFactor = trace.Name == BuiltInTraces.OptimisticCapacityName ? 2.0 : 1.0,
            Source = EmbeddedTraces.Names.Contains(trace.Name) ? ScenarioSource.RealTrace : ScenarioSource.BuiltIn,
        };
    }

    /// <summary>Scales <paramref name="trace"/> so its peak needs <paramref name="peakReplicas"/> replicas at the true per-replica capacity.</summary>
    public static ScenarioSpec FromTrace(Trace trace, int peakReplicas = DefaultPeakReplicas, ServiceProfile? service = null, int seed = 1, double noise = 0)
    {
        service ??= ServiceProfile.Default;
        var capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, ScenarioRunner.Quantile);
        return new ScenarioSpec
        {
            Name = trace.Name,
            Load = trace.ScaledToPeak(peakReplicas * capacity * 0.999),
            Service = service,
            Seed = seed,
            ObservationNoise = noise,
        };
    }
}
