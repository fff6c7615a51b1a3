namespace SloScaler.Core.Decisions;

/// <summary>The closed set of reasons of the load stage (<c>Load</c>).</summary>
public static class LoadReasons
{
    /// <summary>At least one load parameter was known and sized the target.</summary>
    public const string LoadSized = "LoadSized";
    /// <summary>No load parameter was known: nothing to size from.</summary>
    public const string LoadUnknown = "LoadUnknown";
}

/// <summary>The closed set of reasons of the capacity-learning stage (<c>Capacity</c>).</summary>
public static class CapacityReasons
{
    /// <summary>No evidence about capacity this evaluation: the factor stays.</summary>
    public const string CapacityUnchanged = "CapacityUnchanged";
    /// <summary>A lasting miss the load does not explain: the declared targets were optimistic, the factor drops.</summary>
    public const string CapacityLowered = "CapacityLowered";
    /// <summary>The objective was met above the factor's utilisation: the factor rises to it.</summary>
    public const string CapacityRaised = "CapacityRaised";
    /// <summary>The objective met with room to spare for a while: the factor is probed back up a step.</summary>
    public const string CapacityProbed = "CapacityProbed";
    /// <summary>A miss at a clearly lower utilisation than one that met the objective recently: not a capacity problem.</summary>
    public const string MetAtHigherLoad = "MetAtHigherLoad";
    /// <summary>A miss as bad as the one a lowering was made for, at a clearly lower utilisation: not a capacity problem.</summary>
    public const string LoweringDidNotHelp = "LoweringDidNotHelp";
}

/// <summary>The closed set of reasons of the SLO guard (<c>Slo</c>): what keeps the SLO and the unknowns from scaling in.</summary>
public static class SloReasons
{
    /// <summary>The load is unknown (all or part of it): no scale-in.</summary>
    public const string LoadUnknown = "LoadUnknown";
    /// <summary>No requests at all: no p99 to wait for, scale-in allowed.</summary>
    public const string NoTraffic = "NoTraffic";
    /// <summary>The latency is unknown: no scale-in.</summary>
    public const string LatencyUnknown = "LatencyUnknown";
    /// <summary>The p99 is over the objective: no scale-in.</summary>
    public const string SloMissed = "SloMissed";
    /// <summary>The p99 is far over the objective with the load sized for: a queued backlog, headroom added to drain it.</summary>
    public const string BacklogQueued = "BacklogQueued";
    /// <summary>The p99 met the objective: no correction.</summary>
    public const string SloMet = "SloMet";
}

/// <summary>The closed set of reasons of the unavailable-metrics stage (<c>MetricsUnavailable</c>).</summary>
public static class UnavailableReasons
{
    /// <summary>Metrics stayed unavailable: replicas held.</summary>
    public const string Held = nameof(DecisionResult.Held);
    /// <summary>Metrics stayed unavailable: went to the fallback replicas (never below current).</summary>
    public const string Fallback = nameof(DecisionResult.Fallback);
}

/// <summary>The names of the engine's stages, in the order they run.</summary>
public static class StageNames
{
    public const string Capacity = "Capacity";
    public const string Load = "Load";
    public const string Slo = "Slo";
    public const string MetricsUnavailable = "MetricsUnavailable";
    public const string Stabilization = "Stabilization";
    public const string RateLimit = "RateLimit";
}
