namespace SloScaler.Core.Behavior;

/// <summary>
/// Compact restart state: what must survive an operator restart to keep HPA semantics. Every list
/// is oldest first and holds only entries that can still change a future result, so its size is
/// bounded by window (or period) / interval however long the operator runs. Equality compares the
/// lists element by element.
/// </summary>
/// <param name="UpWindow">
/// Recommendations that can still be the minimum of the scale-up window: times and values both
/// strictly increase, so the first entry is the window minimum.
/// </param>
/// <param name="DownWindow">
/// Recommendations that can still be the maximum of the scale-down window: times strictly
/// increase and values strictly decrease, so the first entry is the window maximum.
/// </param>
/// <param name="ScaleUpEvents">Replicas added per scale, newer than the longest policy period.</param>
/// <param name="ScaleDownEvents">Replicas removed per scale, newer than the longest policy period.</param>
public sealed record BehaviorState(
    IReadOnlyList<TimedReplicas> UpWindow,
    IReadOnlyList<TimedReplicas> DownWindow,
    IReadOnlyList<TimedReplicas> ScaleUpEvents,
    IReadOnlyList<TimedReplicas> ScaleDownEvents)
{
    /// <summary>No history: the state of a policy seen for the first time.</summary>
    public static BehaviorState Empty { get; } = new([], [], [], []);

    public bool Equals(BehaviorState? other) =>
        other is not null
        && UpWindow.SequenceEqual(other.UpWindow)
        && DownWindow.SequenceEqual(other.DownWindow)
        && ScaleUpEvents.SequenceEqual(other.ScaleUpEvents)
        && ScaleDownEvents.SequenceEqual(other.ScaleDownEvents);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var list in new[] { UpWindow, DownWindow, ScaleUpEvents, ScaleDownEvents })
        {
            hash.Add(list.Count);
            foreach (var entry in list) hash.Add(entry);
        }
        return hash.ToHashCode();
    }
}
