using System.Text.Json;
using System.Text.Json.Nodes;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>A ScalingPolicy as read back from the API server: its generation and status.</summary>
public sealed record PolicyView(long Generation, ScalingPolicyStatus? Status, JsonNode? RawStatus)
{
    public static PolicyView From(JsonNode policy)
    {
        var generation = policy["metadata"]?["generation"]?.GetValue<long>() ?? 0;
        var raw = policy["status"];
        ScalingPolicyStatus? status = null;
        if (raw is JsonObject obj)
        {
            // The engine's restart state is the operator's business; the tests read what a user reads.
            var copy = (JsonObject)obj.DeepClone();
            copy.Remove("engineState");
            status = copy.Deserialize<ScalingPolicyStatus>(PolicyJson.Options);
        }
        return new PolicyView(generation, status, raw);
    }

    public PolicyCondition? Condition(string type) => Conditions.Find(Status?.Conditions, type);

    /// <summary>True when condition <paramref name="type"/> has this status (and this reason, when given).</summary>
    public bool Has(string type, string status, string? reason = null) =>
        Condition(type) is { } c && c.Status == status && (reason is null || c.Reason == reason);

    public override string ToString() => $"generation {Generation}, status {RawStatus?.ToJsonString() ?? "(none)"}";
}
