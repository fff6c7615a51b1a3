namespace SloScaler.Simulation.Queueing;

/// <summary>
/// What the simulated service carries from one step to the next: the backlog, the requests
/// (total over all replicas) that arrived beyond capacity and are still queued.
/// </summary>
/// <param name="Backlog">Queued requests in excess of the steady state; ≥ 0.</param>
public readonly record struct ServiceState(double Backlog)
{
    /// <summary>No backlog.</summary>
    public static ServiceState Empty => default;
}
