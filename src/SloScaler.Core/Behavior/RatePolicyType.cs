namespace SloScaler.Core.Behavior;

/// <summary>How a <see cref="RatePolicy"/> measures the change it allows (HPA's <c>HPAScalingPolicyType</c>).</summary>
public enum RatePolicyType
{
    /// <summary>An absolute number of replicas per period.</summary>
    Pods,
    /// <summary>A percentage of the replicas at the start of the period.</summary>
    Percent,
}
