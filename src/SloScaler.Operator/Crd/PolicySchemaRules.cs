using System.Text.Json.Nodes;
using SloScaler.Core.Behavior;
using SloScaler.Core.Policy;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Operator.Crd;

/// <summary>
/// The checks the API server can make itself (OpenAPI v3 as Kubernetes 1.20 supports it, no CEL):
/// required fields, enums from the core's own enums, minimums. Everything else — cross-field rules,
/// duration ranges, uniqueness beyond list keys — stays in <see cref="PolicyValidator"/>, which the
/// operator runs on every policy anyway.
/// </summary>
internal static class PolicySchemaRules
{
    private static readonly Dictionary<Type, string[]> Required = new()
    {
        [typeof(ScalingPolicySpec)] = ["targetRef", "maxReplicas", "loadParameters", "slo"],
        [typeof(TargetRef)] = ["apiVersion", "kind", "name"],
        [typeof(LoadParameterSpec)] = ["name", "query", "targetPerReplica"],
        [typeof(SloSpec)] = ["latencyQuery", "objective"],
        [typeof(RatePolicySpec)] = ["type", "value", "period"],
        [typeof(PolicyCondition)] = ["type", "status"],
    };

    private static readonly Dictionary<(Type, string), Action<JsonObject>> Properties = new()
    {
        [(typeof(ScalingPolicySpec), "mode")] = Enum<ScalingMode>,
        [(typeof(ScalingPolicySpec), "minReplicas")] = s => s["minimum"] = 1,
        [(typeof(ScalingPolicySpec), "maxReplicas")] = s => s["minimum"] = 1,
        [(typeof(ScalingPolicySpec), "manualReplicas")] = s => s["minimum"] = 0,
        [(typeof(ScalingPolicySpec), "loadParameters")] = s => ListMap(s, "name", minItems: 1),
        [(typeof(TargetRef), "apiVersion")] = NotEmpty,
        [(typeof(TargetRef), "kind")] = NotEmpty,
        [(typeof(TargetRef), "name")] = NotEmpty,
        [(typeof(LoadParameterSpec), "name")] = NotEmpty,
        [(typeof(LoadParameterSpec), "query")] = NotEmpty,
        [(typeof(SloSpec), "latencyQuery")] = NotEmpty,
        [(typeof(ScalingRulesSpec), "selectPolicy")] = Enum<PolicySelection>,
        [(typeof(ScalingRulesSpec), "tolerance")] = s =>
        {
            s["minimum"] = 0;
            s["maximum"] = 1;
            s["exclusiveMaximum"] = true;
        },
        [(typeof(RatePolicySpec), "type")] = Enum<RatePolicyType>,
        [(typeof(RatePolicySpec), "value")] = s => s["minimum"] = 1,
        [(typeof(MetricsUnavailableSpec), "action")] = Enum<MetricsUnavailableAction>,
        [(typeof(MetricsUnavailableSpec), "fallbackReplicas")] = s => s["minimum"] = 0,
        [(typeof(MetricsUnavailableSpec), "afterFailures")] = s => s["minimum"] = 1,
        [(typeof(ScalingPolicyStatus), "conditions")] = s => ListMap(s, "type", minItems: 0),
    };

    public static void ApplyToType(Type type, JsonObject schema)
    {
        if (Required.TryGetValue(type, out var required))
            schema["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]);
    }

    public static void ApplyToProperty(Type declaringType, string jsonName, JsonObject schema)
    {
        if (Properties.TryGetValue((declaringType, jsonName), out var rule)) rule(schema);
    }

    private static void Enum<TEnum>(JsonObject schema) where TEnum : struct, System.Enum =>
        schema["enum"] = new JsonArray([.. System.Enum.GetNames<TEnum>().Select(n => (JsonNode)n)]);

    private static void NotEmpty(JsonObject schema) => schema["minLength"] = 1;

    private static void ListMap(JsonObject schema, string key, int minItems)
    {
        if (minItems > 0) schema["minItems"] = minItems;
        schema["x-kubernetes-list-type"] = "map";
        schema["x-kubernetes-list-map-keys"] = new JsonArray(key);
    }
}
