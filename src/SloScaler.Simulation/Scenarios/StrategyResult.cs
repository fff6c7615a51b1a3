using SloScaler.Simulation.Strategies;

namespace SloScaler.Simulation.Scenarios;

/// <summary>How one strategy did on one scenario.</summary>
public sealed record StrategyResult
{
    public required string Name { get; init; }
    /// <summary>Fraction of steps whose true p99 met the objective, in [0, 1].</summary>
    public required double Attainment { get; init; }
    /// <summary>The longest unbroken stretch with the p99 over the objective.</summary>
    public required double LongestViolationSeconds { get; init; }
    /// <summary>The worst step p99 (capped at <see cref="ScenarioRunner.LatencyCapSeconds"/> when the service had no capacity at all).</summary>
    public required double WorstLatencySeconds { get; init; }
    /// <summary>Replica-hours paid for, counted from the moment a replica is requested.</summary>
    public required double PodHours { get; init; }
    public double PodHoursVsOracle { get; init; }
    public required int ScaleEvents { get; init; }
    public required int MaxReplicas { get; init; }
    /// <summary>Requested replicas per step.</summary>
    public required int[] Replicas { get; init; }
    /// <summary>True p99 per step (seconds), for charts; NaN where not computed.</summary>
    public required double[] P99 { get; init; }
    /// <summary>Every change of replicas with the strategy's reason.</summary>
    public IReadOnlyList<ScaleChange> Changes { get; init; } = [];
}

/// <summary>All strategies on one scenario, with the load they shared.</summary>
public sealed record ScenarioResult
{
    public required string Name { get; init; }
    public required double DurationSeconds { get; init; }
    public required double StepSeconds { get; init; }
    public required double ObjectiveSeconds { get; init; }
    public required double CapacityPerReplica { get; init; }
    public required double DeclaredTargetPerReplica { get; init; }
    public required double[] Load { get; init; }
    public required IReadOnlyList<StrategyResult> Strategies { get; init; }
    /// <summary>The simulated service (replica start-up, objective…) the strategies ran against.</summary>
    public ServiceProfile Service { get; init; } = ServiceProfile.Default;
    /// <summary>A built-in scenario, an embedded real trace or the user's own trace.</summary>
    public ScenarioSource Source { get; init; } = ScenarioSource.UserTrace;

    public StrategyResult this[string name] => Strategies.First(s => s.Name == name);
}
