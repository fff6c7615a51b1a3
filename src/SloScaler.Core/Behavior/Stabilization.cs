namespace SloScaler.Core.Behavior;

/// <summary>
/// The stabilization stage, with HPA's meaning (<c>stabilizeRecommendationWithBehaviors</c>):
/// the lowest recommendation newer than the scale-up window (the new one included) is a floor,
/// the highest newer than the scale-down window is a ceiling, and the current replicas are
/// clamped into [floor, ceiling]. "Newer" is strictly after <c>now − window</c>.
/// </summary>
/// <remarks>
/// The history is kept as two monotonic deques in <see cref="BehaviorState"/>, which give exactly
/// the result of HPA's full list of timestamped recommendations for a fixed behavior while keeping
/// only entries that can still matter. HPA seeds its list with the current replicas on its first
/// sync; a caller that wants the same start calls <see cref="Apply"/> once with desired = current.
/// </remarks>
public static class Stabilization
{
    public static (StageOutcome Outcome, BehaviorState State) Apply(
        int currentReplicas, int desiredReplicas, ScalingBehavior behavior, BehaviorState state, DateTimeOffset now)
    {
        var upCutoff = now - behavior.ScaleUp.StabilizationWindow;
        var downCutoff = now - behavior.ScaleDown.StabilizationWindow;
        var up = MonotonicWindow.Inside(state.UpWindow, upCutoff);
        var down = MonotonicWindow.Inside(state.DownWindow, downCutoff);
        var floor = Math.Min(desiredReplicas, MonotonicWindow.Extreme(up, lowest: true) ?? desiredReplicas);
        var ceiling = Math.Max(desiredReplicas, MonotonicWindow.Extreme(down, lowest: false) ?? desiredReplicas);

        var entry = new TimedReplicas(now, desiredReplicas);
        var newState = state with
        {
            UpWindow = MonotonicWindow.Push(up, entry, lowest: true, upCutoff),
            DownWindow = MonotonicWindow.Push(down, entry, lowest: false, downCutoff),
        };
        return (Settle(currentReplicas, desiredReplicas, floor, ceiling), newState);
    }

    /// <summary>Clamps the current replicas into [floor, ceiling] and names the result as HPA does.</summary>
    internal static StageOutcome Settle(int currentReplicas, int desiredReplicas, int floor, int ceiling)
    {
        var replicas = currentReplicas;
        if (replicas < floor) replicas = floor;
        if (replicas > ceiling) replicas = ceiling;
        if (replicas == desiredReplicas)
            return new StageOutcome(replicas, StageReasons.DesiredWithinRange, "no recent recommendation holds the desired count back");
        return desiredReplicas >= currentReplicas
            ? new StageOutcome(replicas, StageReasons.ScaleUpStabilized,
                $"recent recommendations were lower: holding at {replicas}, the lowest in the scale-up window")
            : new StageOutcome(replicas, StageReasons.ScaleDownStabilized,
                $"recent recommendations were higher: holding at {replicas}, the highest in the scale-down window");
    }
}
