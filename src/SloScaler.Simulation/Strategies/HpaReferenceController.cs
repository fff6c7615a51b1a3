using SloScaler.Core.Behavior;
using SloScaler.Core.Hpa;

namespace SloScaler.Simulation.Strategies;

/// <summary>
/// The stock HorizontalPodAutoscaler as KEDA's Prometheus scaler drives it: one External metric
/// (the load's <c>rate()</c>) with an AverageValue target of <c>targetPerReplica</c>, default
/// behavior, 15 s sync, through the faithful HPA reference in the core.
/// </summary>
public sealed class HpaReferenceController(double targetPerReplica, int minReplicas, int maxReplicas, int initialReplicas, SimulationClock clock, string name = StrategyNames.Hpa) : IScalingController
{
    private readonly HpaController _hpa = new(new HpaSpec(minReplicas, maxReplicas, targetPerReplica, ScalingBehavior.Default));
    private HpaState _state = HpaState.Empty;
    private string? _reason;

    public string? LastReason => _reason;

    public string Name { get; } = name;

    /// <summary>The AverageValue target per replica, requests/s.</summary>
    public double TargetPerReplica { get; } = targetPerReplica;

    public int InitialReplicas { get; } = initialReplicas;

    public int Decide(ControllerContext context)
    {
        var load = context.View.RateOver(context.Now);
        var decision = _hpa.Step(_state, new HpaObservation(load, context.Requested, context.Requested), clock.Start + context.Now);
        _state = decision.State;
        _reason = $"{decision.Reason}: {decision.Message}";
        return decision.DesiredReplicas;
    }
}
