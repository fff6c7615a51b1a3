using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using SloScaler.Core.Decisions;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Crd;

/// <summary>
/// The OpenAPI v3 schema of a ScalingPolicy, generated from the core's C# model with
/// <see cref="JsonSchemaExporter"/> over <see cref="PolicyJson.Options"/> and made a Kubernetes
/// structural schema: one <c>type</c> per node (no type lists, no <c>$ref</c>, no <c>anyOf</c>),
/// durations and quantities as the API stores them, and the checks of <see cref="PolicySchemaRules"/>.
/// </summary>
internal static class PolicySchema
{
    /// <summary>A Go duration: an optional sign, then numbers each with a unit (<c>250ms</c>, <c>1h30m</c>), or <c>0</c>.</summary>
    public const string DurationPattern = @"^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$";

    /// <summary>A Kubernetes quantity (the pattern controller-gen uses for resource.Quantity).</summary>
    public const string QuantityPattern = @"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$";

    /// <summary>The schema of the whole object.</summary>
    public static JsonObject Build()
    {
        var spec = Export(typeof(ScalingPolicySpec));
        spec["description"] = "What to scale, within which bounds, sized from which load parameters, to keep which tail-latency objective.";
        var status = Export(typeof(ScalingPolicyStatus));
        status["description"] = "What the operator observed and decided, and the engine state it needs after a restart.";
        return new JsonObject
        {
            ["description"] = "ScalingPolicy scales a workload through its scale subresource to keep a tail-latency SLO, sized from the load parameters that bound it.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["apiVersion"] = new JsonObject { ["type"] = "string" },
                ["kind"] = new JsonObject { ["type"] = "string" },
                ["metadata"] = new JsonObject { ["type"] = "object" },
                ["spec"] = spec,
                ["status"] = status,
            },
            ["required"] = new JsonArray("spec"),
        };
    }

    private static JsonObject Export(Type type)
    {
        var options = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };
        var root = PolicyJson.Options.GetJsonSchemaAsNode(type, options).AsObject();
        InlineReferences(root, root);
        return root;
    }

    private static JsonObject Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        JsonObject schema = type switch
        {
            _ when type == typeof(Duration) => new JsonObject { ["type"] = "string", ["pattern"] = DurationPattern },
            _ when type == typeof(Quantity) => new JsonObject { ["x-kubernetes-int-or-string"] = true, ["pattern"] = QuantityPattern },
            _ when type == typeof(double) || type == typeof(float) => new JsonObject { ["type"] = "number" },
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
            _ when type == typeof(EngineState) => new JsonObject
            {
                ["type"] = "object",
                ["description"] = "The decision engine's restart state (stabilization windows, scale events, learned capacity, load history, attainment); written by the operator only.",
                ["x-kubernetes-preserve-unknown-fields"] = true,
            },
            _ => node as JsonObject ?? new JsonObject(),
        };
        schema = (JsonObject)schema.DeepClone();
        if (schema["type"] is JsonArray types)
            schema["type"] = types.Select(t => t?.GetValue<string>()).First(t => t != "null");
        PolicySchemaRules.ApplyToType(type, schema);
        if (context.PropertyInfo is { } property)
        {
            PolicySchemaRules.ApplyToProperty(property.DeclaringType, property.Name, schema);
            // What `kubectl explain` shows: the model's [Description], on whatever schema the type became.
            if (property.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false) is [DescriptionAttribute described, ..])
                schema["description"] = described.Description;
        }
        return schema;
    }

    /// <summary>Replaces every <c>{"$ref": "#/…"}</c> with a copy of the node it points to, keeping the reference's other keywords (the model has no cycles).</summary>
    private static void InlineReferences(JsonNode node, JsonObject root)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToArray())
                {
                    if (child is JsonObject reference && reference["$ref"]?.GetValue<string>() is { } pointer)
                    {
                        // A reference may carry its own keywords (a property's description): they win over the target's.
                        var target = Resolve(root, pointer).DeepClone().AsObject();
                        foreach (var (keyword, value) in reference.Where(k => k.Key != "$ref").ToArray())
                            target[keyword] = value?.DeepClone();
                        obj[name] = target;
                        InlineReferences(target, root);
                    }
                    else if (child is not null)
                    {
                        InlineReferences(child, root);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null) InlineReferences(child, root);
                }
                break;
        }
    }

    private static JsonNode Resolve(JsonObject root, string pointer)
    {
        if (!pointer.StartsWith('#')) throw new InvalidOperationException($"unsupported schema reference {pointer}");
        JsonNode current = root;
        foreach (var segment in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current[name] ?? throw new InvalidOperationException($"schema reference {pointer} does not resolve");
        }
        return current;
    }
}
