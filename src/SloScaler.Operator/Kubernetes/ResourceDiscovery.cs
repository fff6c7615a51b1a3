using System.Collections.Concurrent;
using SloScaler.Operator.KubernetesClient;
using k8s.Models;

namespace SloScaler.Operator.Kubernetes;

/// <summary>What a discovery lookup found: the resource, or why not (not served, or the lookup failed).</summary>
internal sealed record ResourceLookup(ScalableResource? Resource, bool NotFound, string? Message)
{
    public static ResourceLookup Missing(string apiVersion, string kind) =>
        new(null, true, $"no matches for kind \"{kind}\" in version \"{apiVersion}\"");
}

/// <summary>
/// Resolves (apiVersion, kind) to a resource through the API server's discovery documents
/// (<c>/api/v1</c>, <c>/apis/{group}/{version}</c>), cached per group version. A kind missing from
/// the cache is looked up again (at most once per <c>missRefresh</c>), so newly installed CRDs are found.
/// </summary>
internal sealed class ResourceDiscovery
{
    private readonly KubernetesHttp _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _missRefresh;
    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public ResourceDiscovery(KubernetesHttp http, TimeProvider time, TimeSpan missRefresh)
    {
        _http = http;
        _time = time;
        _missRefresh = missRefresh;
    }

    public async Task<ResourceLookup> ResolveAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        if (ScalableResource.ParseApiVersion(apiVersion) is not { } groupVersion)
            return new ResourceLookup(null, true, $"\"{apiVersion}\" is not an API version (use e.g. apps/v1)");
        var (group, version) = groupVersion;
        var key = ScalableResource.GroupVersionPath(group, version);
        if (_cache.TryGetValue(key, out var cached))
        {
            if (Find(cached, kind) is { } hit) return new ResourceLookup(hit, false, null);
            if (_time.GetElapsedTime(cached.FetchedAt) < _missRefresh) return ResourceLookup.Missing(apiVersion, kind);
        }

        var result = await _http.GetAsync(key, cancellationToken).ConfigureAwait(false);
        Entry entry;
        if (result.IsNotFound)
            entry = new Entry(group, version, [], _time.GetTimestamp());
        else if (result.IsSuccess && result.Read<V1APIResourceList>() is { } list)
            entry = new Entry(group, version, list.Resources?.ToArray() ?? [], _time.GetTimestamp());
        else
            return new ResourceLookup(null, false, $"discovery of {apiVersion} failed: {result.Message}");
        _cache[key] = entry;
        return Find(entry, kind) is { } found ? new ResourceLookup(found, false, null) : ResourceLookup.Missing(apiVersion, kind);
    }

    /// <summary>Forgets a group version, e.g. after its resource type disappeared.</summary>
    public void Forget(ScalableResource resource) => _cache.TryRemove(resource.BasePath, out _);

    private static ScalableResource? Find(Entry entry, string kind)
    {
        var main = entry.Resources.FirstOrDefault(r => r.Kind == kind && !r.Name.Contains('/', StringComparison.Ordinal));
        if (main is null) return null;
        var hasScale = entry.Resources.Any(r => r.Name == main.Name + "/scale");
        return new ScalableResource(entry.Group, entry.Version, kind, main.Name, main.Namespaced, hasScale);
    }

    private sealed record Entry(string Group, string Version, IReadOnlyList<V1APIResource> Resources, long FetchedAt);
}
