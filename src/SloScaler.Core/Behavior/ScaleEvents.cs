namespace SloScaler.Core.Behavior;

/// <summary>
/// Remembers scale events for the rate limits (HPA's <c>storeScaleEvent</c>): one entry per
/// scale, the replicas added or removed, kept while any policy period can still read it.
/// </summary>
public static class ScaleEvents
{
    /// <summary>
    /// Records a scale from <paramref name="fromReplicas"/> to <paramref name="toReplicas"/> made at
    /// <paramref name="now"/> (nothing when they are equal) and prunes events that no policy can
    /// read any more.
    /// </summary>
    /// <remarks>
    /// Both lists are read by both directions (the replicas at the start of a period are
    /// current − added + removed), so an event is kept for the longest period of either direction.
    /// When both directions share their longest period this gives exactly HPA's limits. When they
    /// differ, HPA can lose an event early (a new event takes the slot of an outdated one that the
    /// other direction's longer period would still have counted); this state keeps it instead.
    /// </remarks>
    public static BehaviorState Record(BehaviorState state, ScalingBehavior behavior, int fromReplicas, int toReplicas, DateTimeOffset now)
    {
        if (fromReplicas == toReplicas) return state;
        var horizon = now - behavior.EventHorizon;
        var up = Prune(state.ScaleUpEvents, horizon);
        var down = Prune(state.ScaleDownEvents, horizon);
        var change = new TimedReplicas(now, Math.Abs(toReplicas - fromReplicas));
        if (toReplicas > fromReplicas && change.Time > horizon) up.Add(change);
        if (toReplicas < fromReplicas && change.Time > horizon) down.Add(change);
        return state with { ScaleUpEvents = up.ToArray(), ScaleDownEvents = down.ToArray() };
    }

    /// <summary>The replicas changed by events strictly newer than <c>now − period</c> (HPA's <c>getReplicasChangePerPeriod</c>).</summary>
    internal static int ChangedWithin(IReadOnlyList<TimedReplicas> events, TimeSpan period, DateTimeOffset now)
    {
        var cutoff = now - period;
        var sum = 0;
        foreach (var e in events.Each())
            if (e.Time > cutoff) sum += e.Replicas;
        return sum;
    }

    private static List<TimedReplicas> Prune(IReadOnlyList<TimedReplicas> events, DateTimeOffset horizon)
    {
        var kept = new List<TimedReplicas>(events.Count + 1);
        foreach (var e in events.Each())
        {
            if (e.Time > horizon) kept.Add(e);
        }
        return kept;
    }
}
