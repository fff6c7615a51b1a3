namespace SloScaler.Core.Behavior;

/// <summary>Which rate policy wins when a direction has several (HPA's <c>selectPolicy</c>).</summary>
public enum PolicySelection
{
    /// <summary>The policy that allows the largest change (HPA's default).</summary>
    Max,
    /// <summary>The policy that allows the smallest change.</summary>
    Min,
    /// <summary>No change at all in this direction.</summary>
    Disabled,
}
