using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Strategies;

/// <summary>What a controller sees at a decision: the time, the lagged Prometheus-like view, and the target's replicas.</summary>
public sealed record ControllerContext(TimeSpan Now, int StepIndex, ObservedView View, int Requested, int Serving);

/// <summary>A change of replicas and its reason, as the operator would put it in an Event.</summary>
public sealed record ScaleChange(double AtSeconds, int From, int To, string? Reason);

/// <summary>One strategy under comparison. Controllers act on the lagged view, never on the truth (the oracle excepted).</summary>
public interface IScalingController
{
    string Name { get; }

    int InitialReplicas { get; }

    /// <summary>The replicas to request now.</summary>
    int Decide(ControllerContext context);

    /// <summary>Why the last decision came out as it did, when the strategy can say.</summary>
    string? LastReason => null;
}
