namespace SloScaler.Simulation.Strategies;

/// <summary>Manual scaling: a fixed replica count for the whole run.</summary>
public sealed class FixedController(string name, int replicas) : IScalingController
{
    public string Name { get; } = name;

    public int InitialReplicas { get; } = Math.Max(1, replicas);

    public int Decide(ControllerContext context) => InitialReplicas;
}
