namespace SloScaler.Core.Behavior;

/// <summary>Scale-up and scale-down rules together (HPA's <c>spec.behavior</c>).</summary>
public sealed record ScalingBehavior(ScalingRules ScaleUp, ScalingRules ScaleDown)
{
    /// <summary>HPA's defaults in both directions.</summary>
    public static ScalingBehavior Default { get; } = new(ScalingRules.DefaultScaleUp, ScalingRules.DefaultScaleDown);

    /// <summary>The longest policy period of either direction: how long any scale event can still be read.</summary>
    internal TimeSpan EventHorizon => ScaleUp.LongestPeriod > ScaleDown.LongestPeriod ? ScaleUp.LongestPeriod : ScaleDown.LongestPeriod;
}
