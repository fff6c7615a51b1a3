namespace SloScaler.Simulation.Queueing;

/// <summary>The outcome of one <see cref="ServiceSimulator.Step"/>.</summary>
/// <param name="State">The state at the end of the step.</param>
/// <param name="Latency">The response-time distribution of the requests that arrived in the step.</param>
/// <param name="Arrivals">Requests that arrived in the step, λ·dt.</param>
/// <param name="Served">Requests completed in the step, arrivals + backlog before − backlog after.</param>
/// <param name="Utilisation">λ / (n·c·μ); +∞ with arrivals and no serving replica, 0 with no arrivals.</param>
public readonly record struct StepResult(ServiceState State, StepLatency Latency, double Arrivals, double Served, double Utilisation);
