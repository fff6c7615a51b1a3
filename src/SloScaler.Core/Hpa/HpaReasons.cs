namespace SloScaler.Core.Hpa;

/// <summary>HPA reasons outside the behavior stages' vocabulary.</summary>
public static class HpaReasons
{
    /// <summary>The external metric could not be read: HPA keeps the replicas (ScalingActive=False).</summary>
    public const string FailedGetExternalMetric = "FailedGetExternalMetric";
}
