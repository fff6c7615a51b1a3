using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace SloScaler.Operator.Crd;

/// <summary>
/// Converts a JSON schema node into KubernetesClient's <see cref="V1JSONSchemaProps"/>, keyword by
/// keyword, so every value has a concrete type (never a JsonElement, which YAML cannot print).
/// A keyword it does not know is an error, so nothing is dropped silently.
/// </summary>
internal static class SchemaProps
{
    public static V1JSONSchemaProps From(JsonObject schema)
    {
        var props = new V1JSONSchemaProps();
        foreach (var (keyword, value) in schema)
        {
            if (value is null) continue;
            switch (keyword)
            {
                case "type": props.Type = value.GetValue<string>(); break;
                case "description": props.Description = value.GetValue<string>(); break;
                case "format": props.Format = value.GetValue<string>(); break;
                case "pattern": props.Pattern = value.GetValue<string>(); break;
                case "minimum": props.Minimum = value.Deserialize<double>(); break;
                case "maximum": props.Maximum = value.Deserialize<double>(); break;
                case "exclusiveMinimum": props.ExclusiveMinimum = value.GetValue<bool>(); break;
                case "exclusiveMaximum": props.ExclusiveMaximum = value.GetValue<bool>(); break;
                case "minLength": props.MinLength = value.Deserialize<long>(); break;
                case "maxLength": props.MaxLength = value.Deserialize<long>(); break;
                case "minItems": props.MinItems = value.Deserialize<long>(); break;
                case "maxItems": props.MaxItems = value.Deserialize<long>(); break;
                case "required": props.Required = Strings(value); break;
                case "enum": props.EnumProperty = [.. Strings(value)]; break;
                case "properties": props.Properties = value.AsObject().ToDictionary(p => p.Key, p => From(p.Value!.AsObject())); break;
                case "items": props.Items = From(value.AsObject()); break;
                case "additionalProperties":
                    props.AdditionalProperties = value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : From(value.AsObject());
                    break;
                case "x-kubernetes-int-or-string": props.XKubernetesIntOrString = value.GetValue<bool>(); break;
                case "x-kubernetes-preserve-unknown-fields": props.XKubernetesPreserveUnknownFields = value.GetValue<bool>(); break;
                case "x-kubernetes-list-type": props.XKubernetesListType = value.GetValue<string>(); break;
                case "x-kubernetes-list-map-keys": props.XKubernetesListMapKeys = Strings(value); break;
                default: throw new InvalidOperationException($"the CRD schema has a keyword the generator does not map: {keyword}");
            }
        }
        return props;
    }

    private static List<string> Strings(JsonNode value) => [.. value.AsArray().Select(v => v!.GetValue<string>())];
}
