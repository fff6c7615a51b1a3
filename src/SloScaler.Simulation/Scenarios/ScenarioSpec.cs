using SloScaler.Core.Policy;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Scenarios;

/// <summary>
/// One scenario: a load trace already scaled to requests/s, the service, and how optimistic the
/// policy's declared <c>targetPerReplica</c> is relative to the true per-replica capacity.
/// </summary>
public sealed record ScenarioSpec
{
    public required string Name { get; init; }
    public required Trace Load { get; init; }
    public ServiceProfile Service { get; init; } = ServiceProfile.Default;
    /// <summary>Declared targetPerReplica ÷ true capacity: 1 is honest, 2 is twice what a replica can carry.</summary>
    public double DeclaredCapacityFactor { get; init; } = 1.0;
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Simulated length; defaults to the trace's duration.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Relative standard deviation of the seeded noise on what the controllers observe.</summary>
    public double ObservationNoise { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>A built-in scenario, an embedded real trace or the user's own trace.</summary>
    public ScenarioSource Source { get; init; } = ScenarioSource.UserTrace;

    /// <summary>The target per replica the <c>hpa</c> strategy runs with; the declared target by default.</summary>
    public HpaTarget HpaTarget { get; init; } = HpaTarget.Declared;

    /// <summary>
    /// The user's ScalingPolicy (<c>--policy</c>) elastic runs with instead of the built-in one; its
    /// min/max bound the HPA strategies too. Its target is <see cref="DeclaredCapacityFactor"/> × the true capacity.
    /// </summary>
    public ScalingPolicySpec? Policy { get; init; }

    public TimeSpan Length => Duration ?? Load.Duration;
}
