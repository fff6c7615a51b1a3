namespace SloScaler.Simulation.Strategies;

/// <summary>
/// The lower bound on cost: knows the future load and the true capacity, and at every step holds
/// the fewest replicas that keep the steady-state tail under the objective at every step within
/// one start-up time ahead, so each replica is ready when it is first needed.
/// </summary>
public sealed class OracleController : IScalingController
{
    private readonly int[] _plan;

    public OracleController(IReadOnlyList<double> stepLoads, double capacityPerReplica, int startupSteps)
    {
        var needed = stepLoads.Select(l => Needed(l, capacityPerReplica)).ToArray();
        _plan = new int[needed.Length];
        for (var i = 0; i < needed.Length; i++)
        {
            var max = 1;
            for (var j = i; j < Math.Min(needed.Length, i + startupSteps + 1); j++) max = Math.Max(max, needed[j]);
            _plan[i] = max;
        }
        InitialReplicas = _plan.Length > 0 ? _plan[0] : 1;
    }

    public string Name => "oracle";

    public int InitialReplicas { get; }

    public int Decide(ControllerContext context) => _plan[Math.Min(context.StepIndex, _plan.Length - 1)];

    public static int Needed(double load, double capacityPerReplica) =>
        load <= 0 ? 1 : Math.Max(1, (int)Math.Ceiling((load / capacityPerReplica) - 1e-9));
}
