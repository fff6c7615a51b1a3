namespace SloScaler.Core.Behavior;

/// <summary>
/// One rate policy: at most <paramref name="Value"/> replicas (or percent of the replicas at the
/// start of the period) may be added or removed within any <paramref name="Period"/>.
/// Ranges (value &gt; 0, 0 &lt; period ≤ 30 min) are checked by the policy validator.
/// </summary>
public sealed record RatePolicy(RatePolicyType Type, int Value, TimeSpan Period);
