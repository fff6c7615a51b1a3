using SloScaler.Core.Decisions;
using SloScaler.Core.Policy;

namespace SloScaler.Core.Reconcile;

/// <summary>
/// Decides which Events to record: one per scale (or dry-run scale), one per new failure (a
/// condition turning False or changing its reason while False) and one per recovery — never the
/// same one again every interval.
/// </summary>
public static class EventPlanner
{
    // Most specific first: when Ready fails for the same reason, its event is the duplicate that is dropped.
    private static readonly string[] FailureConditions = [ConditionTypes.SpecValid, ConditionTypes.MetricsAvailable, ConditionTypes.Ready];

    public static IReadOnlyList<PolicyEvent> Plan(ScalingPolicyStatus? old, ScalingPolicyStatus now, Decision? decision, string target, bool dryRun, bool applied)
    {
        var events = new List<PolicyEvent>();
        if (decision is not null && decision.Changes)
        {
            if (applied)
                events.Add(new PolicyEvent(PolicyEvent.Normal, "Scaled", $"{target} {decision.CurrentReplicas} → {decision.DesiredReplicas}: {decision.Reason}"));
            else if (dryRun && old?.LastDecision?.To != decision.DesiredReplicas)
                events.Add(new PolicyEvent(PolicyEvent.Normal, "DryRunScale", $"[dry-run] would scale {target} {decision.CurrentReplicas} → {decision.DesiredReplicas}: {decision.Reason}"));
        }
        foreach (var type in FailureConditions)
        {
            var before = Conditions.Find(old?.Conditions, type);
            var after = Conditions.Find(now.Conditions, type);
            if (after is null) continue;
            if (after.Status == "False" && (before is null || before.Status != "False" || before.Reason != after.Reason)
                && !events.Exists(e => e.Reason == after.Reason))
                events.Add(new PolicyEvent(PolicyEvent.Warning, after.Reason ?? type, after.Message ?? type));
            else if (after.Status == "True" && before?.Status == "False" && type != ConditionTypes.Ready)
                events.Add(new PolicyEvent(PolicyEvent.Normal, $"{type}Recovered", after.Message ?? type));
        }
        return events;
    }
}
