namespace SloScaler.Operator.Kubernetes;

/// <summary>A resource type found by discovery: where its objects live and whether they have a <c>scale</c> subresource.</summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version within the group, e.g. <c>v1</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Deployment</c>.</param>
/// <param name="Plural">The resource name in paths, e.g. <c>deployments</c>.</param>
/// <param name="Namespaced">Whether its objects live in namespaces.</param>
/// <param name="HasScale">Whether it has a <c>scale</c> subresource.</param>
internal sealed record ScalableResource(string Group, string Version, string Kind, string Plural, bool Namespaced, bool HasScale)
{
    /// <summary><c>api/v1</c> or <c>apis/{group}/{version}</c>.</summary>
    public string BasePath => GroupVersionPath(Group, Version);

    /// <summary>How the API server names the type in messages, e.g. <c>deployments.apps</c>.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ObjectPath(string @namespace, string name) => Namespaced
        ? $"{BasePath}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}/{Uri.EscapeDataString(name)}"
        : $"{BasePath}/{Plural}/{Uri.EscapeDataString(name)}";

    public static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    /// <summary>Splits <c>apps/v1</c> into (<c>apps</c>, <c>v1</c>) and <c>v1</c> into (<c>""</c>, <c>v1</c>); null when malformed.</summary>
    public static (string Group, string Version)? ParseApiVersion(string apiVersion)
    {
        var parts = apiVersion.Trim().Split('/');
        return parts switch
        {
            [var version] when IsSegment(version) => ("", version),
            [var group, var version] when IsSegment(group) && IsSegment(version) => (group, version),
            _ => null,
        };
    }

    private static bool IsSegment(string text) => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');
}
