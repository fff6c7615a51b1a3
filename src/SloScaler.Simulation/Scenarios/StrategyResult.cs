using SloScaler.Simulation.Metrics;
using SloScaler.Simulation.Strategies;

namespace SloScaler.Simulation.Scenarios;

/// <summary>How one strategy did on one scenario.</summary>
public sealed record StrategyResult
{
    public required string Name { get; init; }
    /// <summary>Fraction of steps whose true p99 met the objective, in [0, 1].</summary>
    public required double Attainment { get; init; }
    /// <summary>
    /// Fraction of requests served within the objective, in [0, 1]: Σ arrivals·P(T ≤ objective) ÷ Σ arrivals.
    /// With a p99 objective a service that always meets it still serves up to 1 % of requests over it.
    /// </summary>
    public double RequestAttainment { get; init; } = double.NaN;
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
    /// <summary>Ready (serving) replicas per step; empty when not recorded.</summary>
    public int[] Ready { get; init; } = [];
    /// <summary>The elasticity metrics of the ready replicas against the oracle's; null when there is no oracle to compare with.</summary>
    public ElasticityMetrics? Elasticity { get; init; }
    /// <summary>The HPA target per replica (requests/s) the strategy ran with, for the HPA strategies.</summary>
    public double? TargetPerReplica { get; init; }
    /// <summary>How a hindsight-tuned peer was searched; null for the others.</summary>
    public TuningOutcome? Tuning { get; init; }
    /// <summary>Whether each step's true p99 missed the objective; empty when not recorded.</summary>
    public bool[] Missed { get; init; } = [];
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
    /// <summary>The target per replica the <c>hpa</c> strategy ran with (by default the declared one).</summary>
    public double HpaTargetPerReplica { get; init; } = double.NaN;
    public required double[] Load { get; init; }
    public required IReadOnlyList<StrategyResult> Strategies { get; init; }
    /// <summary>The simulated service (replica start-up, objective…) the strategies ran against.</summary>
    public ServiceProfile Service { get; init; } = ServiceProfile.Default;
    /// <summary>A built-in scenario, an embedded real trace or the user's own trace.</summary>
    public ScenarioSource Source { get; init; } = ScenarioSource.UserTrace;
    /// <summary>The seed of the scenario's generator and of the observation noise.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Relative standard deviation of the noise on what the controllers observed.</summary>
    public double ObservationNoise { get; init; }

    public StrategyResult this[string name] => Strategies.First(s => s.Name == name);

    /// <summary>
    /// Cost at equal SLO: elastic's pod-hours ÷ <paramref name="peer"/>'s (a hindsight-tuned peer that
    /// reaches at least elastic's attainment); NaN when either is missing or the peer cost nothing.
    /// </summary>
    public double CostAtEqualSlo(string peer)
    {
        var elastic = Strategies.FirstOrDefault(s => s.Name == StrategyNames.Elastic);
        var other = Strategies.FirstOrDefault(s => s.Name == peer);
        return elastic is null || other is null || !(other.PodHours > 0) ? double.NaN : elastic.PodHours / other.PodHours;
    }
}
