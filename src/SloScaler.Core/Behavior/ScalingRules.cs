namespace SloScaler.Core.Behavior;

/// <summary>
/// The rules for one scaling direction, with HPA's meaning (<c>HPAScalingRules</c>): a
/// stabilization window, the policy selection and the rate policies. Equality compares the
/// policies element by element.
/// </summary>
public sealed record ScalingRules(TimeSpan StabilizationWindow, PolicySelection SelectPolicy, IReadOnlyList<RatePolicy> Policies)
{
    /// <summary>HPA's default for scale-up: no window; the larger of +4 pods and +100% per 15 s.</summary>
    public static ScalingRules DefaultScaleUp { get; } = new(
        TimeSpan.Zero,
        PolicySelection.Max,
        [new RatePolicy(RatePolicyType.Pods, 4, TimeSpan.FromSeconds(15)), new RatePolicy(RatePolicyType.Percent, 100, TimeSpan.FromSeconds(15))]);

    /// <summary>HPA's default for scale-down: a 300 s window; up to 100% per 15 s.</summary>
    public static ScalingRules DefaultScaleDown { get; } = new(
        TimeSpan.FromSeconds(300),
        PolicySelection.Max,
        [new RatePolicy(RatePolicyType.Percent, 100, TimeSpan.FromSeconds(15))]);

    /// <summary>The longest policy period (zero without policies): how long scale events stay relevant.</summary>
    public TimeSpan LongestPeriod => Policies.Count == 0 ? TimeSpan.Zero : Policies.Max(p => p.Period);

    public bool Equals(ScalingRules? other) =>
        other is not null
        && StabilizationWindow == other.StabilizationWindow
        && SelectPolicy == other.SelectPolicy
        && Policies.SequenceEqual(other.Policies);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(StabilizationWindow);
        hash.Add(SelectPolicy);
        foreach (var policy in Policies) hash.Add(policy);
        return hash.ToHashCode();
    }
}
