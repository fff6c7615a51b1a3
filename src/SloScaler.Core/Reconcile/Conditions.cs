using SloScaler.Core.Policy;

namespace SloScaler.Core.Reconcile;

/// <summary>Sets conditions the Kubernetes way: the transition time moves only when the status does.</summary>
public static class Conditions
{
    public static List<PolicyCondition> Set(
        IReadOnlyList<PolicyCondition>? existing, string type, string status, string reason, string message, DateTimeOffset now, long? generation)
    {
        var list = existing is null ? new List<PolicyCondition>() : new List<PolicyCondition>(existing);
        Put(list, type, status, reason, message, now, generation);
        return list;
    }

    /// <summary>
    /// <see cref="Set"/> on a list the caller owns, in place (a status sets several conditions every tick). A
    /// condition that would not change at all is kept as the same object.
    /// </summary>
    public static void Put(List<PolicyCondition> list, string type, string status, string reason, string message, DateTimeOffset now, long? generation)
    {
        ArgumentNullException.ThrowIfNull(list);
        var index = -1;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Type == type)
            {
                index = i;
                break;
            }
        }
        var previous = index >= 0 ? list[index] : null;
        if (previous is { LastTransitionTime: not null } && previous.Status == status && previous.Reason == reason
            && previous.Message == message && previous.ObservedGeneration == generation)
            return;
        var condition = new PolicyCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = previous is not null && previous.Status == status ? previous.LastTransitionTime ?? now : now,
            ObservedGeneration = generation,
        };
        if (index >= 0) list[index] = condition;
        else list.Add(condition);
    }

    public static PolicyCondition? Find(IReadOnlyList<PolicyCondition>? conditions, string type)
    {
        if (conditions is null) return null;
        foreach (var condition in conditions.Each())
        {
            if (condition.Type == type) return condition;
        }
        return null;
    }

    public static string Bool(bool value) => value ? "True" : "False";
}
