using System.Text.Json;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// Maps a ScalingPolicy object as the API server sent it to a <see cref="PolicySnapshot"/>. A spec
/// (or status) that does not fit the model becomes null and is logged, so one malformed object
/// never stops the stream; the reconcile step then reports it as an invalid spec.
/// </summary>
internal static class PolicySnapshotReader
{
    /// <summary>The snapshot, or null when the object has no name (not a policy at all).</summary>
    public static PolicySnapshot? Read(JsonElement item, ILogger logger)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
            return null;
        var name = Text(metadata, "name");
        if (string.IsNullOrEmpty(name)) return null;
        var key = new PolicyKey(Text(metadata, "namespace") ?? "", name);
        var generation = metadata.TryGetProperty("generation", out var g) && g.TryGetInt64(out var n) ? n : 0;
        var spec = Part<ScalingPolicySpec>(item, "spec", key, logger);
        var status = Part<ScalingPolicyStatus>(item, "status", key, logger);
        return new PolicySnapshot(key, generation, Text(metadata, "resourceVersion"), Text(metadata, "uid"), spec, status);
    }

    /// <summary>metadata.resourceVersion of any object (a bookmark carries only that).</summary>
    public static string? ResourceVersion(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? Text(metadata, "resourceVersion")
            : null;

    private static T? Part<T>(JsonElement item, string name, PolicyKey key, ILogger logger) where T : class
    {
        if (!item.TryGetProperty(name, out var part) || part.ValueKind == JsonValueKind.Null) return null;
        try
        {
            return part.Deserialize<T>(PolicyJson.Options);
        }
        catch (JsonException e)
        {
            logger.LogWarning("ScalingPolicy {Policy} has a malformed {Part} ({Error}); it is read as absent", key, name, e.Message);
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
