namespace SloScaler.Core.Reconcile;

/// <summary>The policy's condition types and their reasons (a closed vocabulary, as HPA's).</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string MetricsAvailable = "MetricsAvailable";
    public const string SloMet = "SloMet";
    public const string ScalingLimited = "ScalingLimited";
    public const string SpecValid = "SpecValid";
}

public static class ConditionReasons
{
    public const string Valid = "Valid";
    public const string InvalidSpec = "InvalidSpec";
    public const string Reconciled = "Reconciled";
    public const string TargetNotFound = "TargetNotFound";
    public const string TargetUnreadable = "TargetUnreadable";
    public const string ScaleFailed = "ScaleFailed";
    public const string MetricsKnown = "MetricsKnown";
    public const string MetricsUnavailable = "MetricsUnavailable";
    /// <summary>Prometheus refused a query of the spec as invalid: fix the query, waiting will not help.</summary>
    public const string QueryRejected = "QueryRejected";
    public const string ObjectiveMet = "ObjectiveMet";
    public const string ObjectiveMissed = "ObjectiveMissed";
    public const string LatencyUnknown = "LatencyUnknown";
    public const string DesiredWithinRange = "DesiredWithinRange";
    public const string NotEvaluated = "NotEvaluated";
}
