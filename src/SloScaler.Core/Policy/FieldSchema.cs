using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Policy;

/// <summary>
/// Checks a policy document's fields against the model before it is deserialised, as
/// <c>kubectl --validate=strict</c> and the API server do: an unknown field is an error (with a
/// did-you-mean for a near miss), and a value of the wrong kind is named in words, never as a .NET type.
/// Metadata is checked against Kubernetes' ObjectMeta; status is the operator's and not checked.
/// </summary>
internal static class FieldSchema
{
    private static readonly string[] ObjectMetaFields =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields", "clusterName",
    ];

    /// <summary>Every problem in <paramref name="document"/>; <paramref name="typeErrors"/> says whether any would stop deserialisation.</summary>
    public static List<ValidationProblem> Check(JsonObject document, out bool typeErrors)
    {
        var problems = new List<ValidationProblem>();
        var walk = new Walk(problems);
        foreach (var (key, value) in document)
        {
            switch (key)
            {
                case "apiVersion" or "kind":
                    walk.Value(key, value, typeof(string));
                    break;
                case "metadata":
                    walk.Metadata(value);
                    break;
                case "spec":
                    walk.Value(key, value, typeof(ScalingPolicySpec));
                    break;
                case "status":
                    break;
                default:
                    walk.Unknown(FieldPath.Child("", key), key, ["apiVersion", "kind", "metadata", "spec", "status"]);
                    break;
            }
        }
        typeErrors = walk.TypeErrors;
        return problems;
    }

    private sealed class Walk(List<ValidationProblem> problems)
    {
        public bool TypeErrors { get; private set; }

        public void Unknown(string path, string key, IReadOnlyCollection<string> known)
        {
            var near = DidYouMean.Closest(key, known);
            problems.Add(new ValidationProblem(path, near is null ? "unknown field" : $"unknown field; did you mean \"{near}\"?"));
        }

        public void Metadata(JsonNode? node)
        {
            if (node is null) return;
            if (node is not JsonObject meta)
            {
                Wrong("metadata", node, "a mapping");
                return;
            }
            foreach (var (key, value) in meta)
            {
                var path = FieldPath.Child("metadata", key);
                switch (key)
                {
                    case "name" or "generateName" or "namespace":
                        Value(path, value, typeof(string));
                        break;
                    case "labels" or "annotations":
                        Value(path, value, typeof(Dictionary<string, string>));
                        break;
                    case "generation":
                        Value(path, value, typeof(long?));
                        break;
                    default:
                        if (!ObjectMetaFields.Contains(key, StringComparer.Ordinal)) Unknown(path, key, ObjectMetaFields);
                        break;
                }
            }
        }

        public void Value(string path, JsonNode? node, Type type)
        {
            if (node is null) return;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(Duration) || type == typeof(Quantity))
            {
                if (node is not JsonValue) Wrong(path, node, type == typeof(Duration) ? "a duration such as 15s" : "a number or a quantity string");
                return;
            }
            if (type == typeof(string))
            {
                if (!Is(node, JsonValueKind.String)) Wrong(path, node, "a string");
                return;
            }
            if (type == typeof(bool))
            {
                if (!Is(node, JsonValueKind.True) && !Is(node, JsonValueKind.False)) Wrong(path, node, "true or false");
                return;
            }
            if (type == typeof(int) || type == typeof(long))
            {
                Integer(path, node, type == typeof(int) ? int.MinValue : long.MinValue, type == typeof(int) ? int.MaxValue : long.MaxValue);
                return;
            }
            if (type == typeof(double))
            {
                if (!Is(node, JsonValueKind.Number)) Wrong(path, node, "a number");
                return;
            }
            var info = PolicyJson.Options.GetTypeInfo(type);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    Object(path, node, info);
                    break;
                case JsonTypeInfoKind.Dictionary:
                    if (node is not JsonObject map)
                    {
                        Wrong(path, node, "a mapping");
                        return;
                    }
                    foreach (var (key, value) in map) Value(FieldPath.Child(path, key), value, info.ElementType!);
                    break;
                case JsonTypeInfoKind.Enumerable:
                    if (node is not JsonArray list)
                    {
                        Wrong(path, node, "a list");
                        return;
                    }
                    for (var i = 0; i < list.Count; i++) Value(FieldPath.Item(path, i), list[i], info.ElementType!);
                    break;
                default:
                    break;
            }
        }

        private void Object(string path, JsonNode node, JsonTypeInfo info)
        {
            if (node is not JsonObject obj)
            {
                Wrong(path, node, "a mapping");
                return;
            }
            var known = info.Properties.Select(p => p.Name).ToList();
            foreach (var (key, value) in obj)
            {
                var property = info.Properties.FirstOrDefault(p => p.Name == key);
                var child = FieldPath.Child(path, key);
                if (property is null) Unknown(child, key, known);
                else Value(child, value, property.PropertyType);
            }
        }

        private void Integer(string path, JsonNode node, long min, long max)
        {
            if (!Is(node, JsonValueKind.Number))
            {
                Wrong(path, node, "an integer");
                return;
            }
            var value = node.AsValue();
            var whole = value.TryGetValue<long>(out var integer)
                ? (double)integer
                : value.TryGetValue<double>(out var number) && number == Math.Floor(number) ? number : (double?)null;
            if (whole is { } w && w >= min && w <= max) return;
            TypeErrors = true;
            problems.Add(new ValidationProblem(path, whole is null
                ? $"{Describe(node)} must be an integer"
                : $"{Describe(node)} is out of range (at most {max.ToString(CultureInfo.InvariantCulture)})"));
        }

        private void Wrong(string path, JsonNode node, string expected)
        {
            TypeErrors = true;
            problems.Add(new ValidationProblem(path, $"{Describe(node)} must be {expected}"));
        }

        private static bool Is(JsonNode node, JsonValueKind kind) => node is JsonValue value && value.GetValueKind() == kind;

        private static string Describe(JsonNode node) => node switch
        {
            JsonObject => "a mapping",
            JsonArray => "a list",
            _ when Is(node, JsonValueKind.String) => ProblemList.Quote(Shorten(node.GetValue<string>())),
            _ => Shorten(node.ToJsonString()),
        };

        private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
    }
}
