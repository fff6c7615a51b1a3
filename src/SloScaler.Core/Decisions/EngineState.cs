using SloScaler.Core.Behavior;

namespace SloScaler.Core.Decisions;

/// <summary>
/// What the engine must remember between evaluations and across an operator restart. It is
/// persisted in the policy's status and stays compact: every list is bounded by a window.
/// </summary>
public sealed record EngineState
{
    public static EngineState Empty { get; } = new();

    /// <summary>Stabilization windows and recent scale events (HPA semantics).</summary>
    public BehaviorState Behavior { get; init; } = BehaviorState.Empty;

    /// <summary>Learned capacity as a fraction of the declared targets (1 = as declared).</summary>
    public double CapacityFactor { get; init; } = 1.0;

    public DateTimeOffset? CapacityLearnedAt { get; init; }

    public int ConsecutiveFailures { get; init; }

    public DateTimeOffset? LastScaleTime { get; init; }

    /// <summary>Since when the target has had all its replicas ready and unchanged; latency older than this describes another size.</summary>
    public DateTimeOffset? StableSince { get; init; }

    public DateTimeOffset? LastEvaluationTime { get; init; }

    /// <summary>The tail latency seen at the last evaluation (seconds), to tell a draining backlog from a steady miss.</summary>
    public double? LastLatency { get; init; }

    /// <summary>When the objective was last missed while the load asked for more replicas than there were.</summary>
    public DateTimeOffset? LastExplainedMiss { get; init; }

    /// <summary>Since when every latency reading has missed the objective; null while it is met.</summary>
    public DateTimeOffset? MissingSince { get; init; }

    /// <summary>Since when every latency reading has met the objective; null while it is missed.</summary>
    public DateTimeOffset? MeetingSince { get; init; }

    /// <summary>The utilisation and tail latency at which capacity was last learned lower, to tell whether latency responded.</summary>
    public CapacityEvidence? LastLowered { get; init; }

    /// <summary>
    /// The utilisation (with its p99) at which capacity was last learned lower, kept when capacity is raised
    /// again: probing capacity back up stays below it for a while.
    /// </summary>
    public CapacityEvidence? MissedAt { get; init; }

    /// <summary>The highest utilisation (with its p99) that met the objective recently; cleared when capacity is lowered.</summary>
    public CapacityEvidence? BestMet { get; init; }

    /// <summary>Recent load samples per load parameter, for the forecast trend; bounded by the trend window.</summary>
    public IReadOnlyList<LoadHistory> LoadHistory { get; init; } = [];

    /// <summary>SLO attainment in buckets, bounded by the attainment window.</summary>
    public IReadOnlyList<AttainmentBucket> Attainment { get; init; } = [];
}

/// <summary>A capacity lowering: the utilisation (of the declared targets) and p99 (seconds) it was learned from.</summary>
public sealed record CapacityEvidence(double Utilisation, double Latency, DateTimeOffset Time);

public sealed record TimedValue(DateTimeOffset Time, double Value);

/// <summary>A load parameter's recent samples, and its jitter: a moving average of the relative change between consecutive samples.</summary>
public sealed record LoadHistory(string Name, IReadOnlyList<TimedValue> Samples, double Jitter = 0);

public sealed record AttainmentBucket(DateTimeOffset Start, double MetSeconds, double EvaluatedSeconds);
