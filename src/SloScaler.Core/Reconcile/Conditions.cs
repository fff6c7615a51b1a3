using SloScaler.Core.Policy;

namespace SloScaler.Core.Reconcile;

/// <summary>Sets conditions the Kubernetes way: the transition time moves only when the status does.</summary>
public static class Conditions
{
    public static List<PolicyCondition> Set(
        IReadOnlyList<PolicyCondition>? existing, string type, string status, string reason, string message, DateTimeOffset now, long? generation)
    {
        var list = existing?.ToList() ?? [];
        var index = list.FindIndex(c => c.Type == type);
        var previous = index >= 0 ? list[index] : null;
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
        return list;
    }

    public static PolicyCondition? Find(IReadOnlyList<PolicyCondition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static string Bool(bool value) => value ? "True" : "False";
}
