using System.Text.Json.Nodes;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Tests.Install;

/// <summary>One Kubernetes object from a YAML file or from <c>helm template</c>, as JSON.</summary>
internal sealed record Manifest(JsonObject Object, string Source)
{
    public string Kind => Object["kind"]?.GetValue<string>() ?? "";

    public string ApiVersion => Object["apiVersion"]?.GetValue<string>() ?? "";

    public string Name => Object["metadata"]?["name"]?.GetValue<string>() ?? "";

    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();

    public IReadOnlyDictionary<string, string> Labels =>
        Object["metadata"]?["labels"] is JsonObject labels
            ? labels.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>();

    public JsonNode? this[string key] => Object[key];

    /// <summary>Every non-empty document of a (multi-document) YAML text.</summary>
    public static IReadOnlyList<Manifest> Parse(string yaml, string source) =>
        YamlToJson.ConvertAll(yaml).OfType<JsonObject>().Select(o => new Manifest(o, source)).ToList();

    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name} ({Source})";
}

internal static class ManifestList
{
    public static IReadOnlyList<Manifest> OfKind(this IEnumerable<Manifest> manifests, string kind) =>
        manifests.Where(m => m.Kind == kind).ToList();

    public static Manifest Single(this IEnumerable<Manifest> manifests, string kind, string? name = null)
    {
        var found = manifests.Where(m => m.Kind == kind && (name is null || m.Name == name)).ToList();
        Assert.True(found.Count == 1, $"expected one {kind}{(name is null ? "" : " " + name)}, found {found.Count}: {string.Join(", ", found)}");
        return found[0];
    }

    /// <summary>Roles and ClusterRoles whose rules are the operator's (not the aggregated ones for people).</summary>
    public static bool IsForPeople(this Manifest role) =>
        role.Labels.Keys.Any(k => k.StartsWith("rbac.authorization.k8s.io/aggregate-to-", StringComparison.Ordinal));
}
