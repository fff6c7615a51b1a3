using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Retries;
using Polly;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// List-then-watch of ScalingPolicies in one namespace (or all), as client-go's reflector does it:
/// resume from the last resourceVersion when a watch ends, re-list when it expired (410), report
/// what changed across a re-list (Deleted for vanished policies), back off on failures under the
/// operator's one <see cref="RetryPolicy"/> (a round that ends without failing starts the waits afresh). Runs until
/// cancelled; never throws otherwise.
/// </summary>
internal sealed class PolicyWatchLoop
{
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private readonly KubernetesHttp _http;
    private readonly string? _namespace;
    private readonly KubernetesPolicySourceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SeededRandom _random;
    private readonly ResiliencePipeline<WatchEnd> _rounds;
    private readonly Dictionary<PolicyKey, PolicySnapshot> _known = [];
    private string? _resourceVersion;

    public PolicyWatchLoop(KubernetesHttp http, string? @namespace, KubernetesPolicySourceOptions options, TimeProvider time, SeededRandom random, ILogger logger)
    {
        _http = http;
        _namespace = @namespace;
        _options = options;
        _time = time;
        _logger = logger;
        _random = random;
        _rounds = options.Retry.Pipeline<WatchEnd>(o => o.Exception is not null || o.Result == WatchEnd.Failed, time, random, args =>
        {
            if (args.Outcome.Exception is { } e) _logger.LogWarning(e, "ScalingPolicy watch in {Scope} failed; retrying in {Delay}", Scope, args.RetryDelay);
            return default;
        });
    }

    private enum WatchEnd { Closed, Expired, Failed }

    private string Scope => _namespace is null ? "all namespaces" : $"namespace {_namespace}";

    private string CollectionPath => _namespace is null
        ? $"apis/{ScalingPolicyResource.Group}/{ScalingPolicyResource.Version}/{ScalingPolicyResource.Plural}"
        : $"apis/{ScalingPolicyResource.Group}/{ScalingPolicyResource.Version}/namespaces/{Uri.EscapeDataString(_namespace)}/{ScalingPolicyResource.Plural}";

    public async Task RunAsync(ChannelWriter<PolicyChange> output, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Failed rounds are retried inside the pipeline, with growing waits; a round that
                // closed or expired comes back here and the next one starts at once.
                await _rounds.ExecuteAsync(static (state, c) => state.self.RoundAsync(state.output, c), (self: this, output), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Lists when there is no resourceVersion to resume from, then watches once.</summary>
    private async ValueTask<WatchEnd> RoundAsync(ChannelWriter<PolicyChange> output, CancellationToken cancellationToken)
    {
        if (_resourceVersion is null)
        {
            _resourceVersion = await ListAsync(output, cancellationToken).ConfigureAwait(false);
            if (_resourceVersion is null) return WatchEnd.Failed;
        }
        var (end, last) = await WatchAsync(_resourceVersion, output, cancellationToken).ConfigureAwait(false);
        _resourceVersion = last;
        if (end == WatchEnd.Expired)
        {
            _logger.LogInformation("ScalingPolicy watch in {Scope}: resourceVersion {ResourceVersion} expired; listing again", Scope, last);
            _resourceVersion = null;
        }
        return end;
    }

    /// <summary>Lists every policy (in pages), reports the differences to what is known, returns the list's resourceVersion; null on failure.</summary>
    private async Task<string?> ListAsync(ChannelWriter<PolicyChange> output, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<PolicyKey, PolicySnapshot>();
        string? continueToken = null;
        string? resourceVersion;
        do
        {
            var path = $"{CollectionPath}?limit={_options.ListPageSize}" + (continueToken is null ? "" : $"&continue={Uri.EscapeDataString(continueToken)}");
            var result = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                _logger.LogWarning("Listing ScalingPolicies in {Scope} failed: {Message}", Scope, result.Message);
                return null;
            }
            try
            {
                using var document = JsonDocument.Parse(result.Body);
                var root = document.RootElement;
                if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in items.EnumerateArray())
                    {
                        if (PolicySnapshotReader.Read(item, _logger) is { } snapshot) listed[snapshot.Key] = snapshot;
                    }
                }
                resourceVersion = PolicySnapshotReader.ResourceVersion(root);
                continueToken = root.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("continue", out var c)
                    && c.ValueKind == JsonValueKind.String && c.GetString() is { Length: > 0 } token ? token : null;
            }
            catch (JsonException e)
            {
                _logger.LogWarning("Listing ScalingPolicies in {Scope} gave unreadable JSON: {Error}", Scope, e.Message);
                return null;
            }
        }
        while (continueToken is not null);

        foreach (var (key, snapshot) in listed)
        {
            if (!_known.TryGetValue(key, out var old) || old.ResourceVersion != snapshot.ResourceVersion)
                await output.WriteAsync(new PolicyChange(PolicyChangeKind.Upserted, snapshot), cancellationToken).ConfigureAwait(false);
        }
        foreach (var (key, old) in _known)
        {
            if (!listed.ContainsKey(key))
                await output.WriteAsync(new PolicyChange(PolicyChangeKind.Deleted, old), cancellationToken).ConfigureAwait(false);
        }
        _known.Clear();
        foreach (var (key, snapshot) in listed) _known[key] = snapshot;
        _logger.LogDebug("Listed {Count} ScalingPolicies in {Scope} at resourceVersion {ResourceVersion}", listed.Count, Scope, resourceVersion);
        return resourceVersion ?? "";
    }

    private async Task<(WatchEnd End, string ResourceVersion)> WatchAsync(string resourceVersion, ChannelWriter<PolicyChange> output, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(_options.WatchTimeout.TotalSeconds * (1 + _random.NextDouble()));
        var path = $"{CollectionPath}?watch=true&allowWatchBookmarks=true&timeoutSeconds={seconds}"
            + (resourceVersion.Length == 0 ? "" : $"&resourceVersion={Uri.EscapeDataString(resourceVersion)}");
        // The server ends the watch after timeoutSeconds; this guards against a connection that silently stalls.
        using var stall = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        var started = _time.GetTimestamp();
        var events = 0;
        try
        {
            using var response = await _http.OpenStreamAsync(path, linked.Token).ConfigureAwait(false);
            if ((int)response.StatusCode == 410) return (WatchEnd.Expired, resourceVersion);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                _logger.LogWarning("Watching ScalingPolicies in {Scope} failed: {Message}", Scope, ApiErrors.Message((int)response.StatusCode, body));
                return (WatchEnd.Failed, resourceVersion);
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false));
            while (await reader.ReadLineAsync(linked.Token).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                events++;
                var (end, last) = await HandleAsync(line, resourceVersion, output, cancellationToken).ConfigureAwait(false);
                resourceVersion = last;
                if (end is { } ended) return (ended, resourceVersion);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogInformation("ScalingPolicy watch in {Scope} stalled; resuming", Scope);
            return (WatchEnd.Closed, resourceVersion);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            _logger.LogWarning("ScalingPolicy watch in {Scope} broke: {Error}", Scope, e.Message);
            return (events > 0 ? WatchEnd.Closed : WatchEnd.Failed, resourceVersion);
        }
        // A watch the server ends at once, with nothing in it, must not turn into a busy loop.
        var quick = events == 0 && _time.GetElapsedTime(started) < ShortWatch;
        return (quick ? WatchEnd.Failed : WatchEnd.Closed, resourceVersion);
    }

    /// <summary>Applies one watch event; returns how the watch ended when the event ends it, and the newest resourceVersion.</summary>
    private async Task<(WatchEnd? End, string ResourceVersion)> HandleAsync(string line, string resourceVersion, ChannelWriter<PolicyChange> output, CancellationToken cancellationToken)
    {
        PolicyChange? change = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var item = root.TryGetProperty("object", out var o) ? o : default;
            switch (type)
            {
                case "ADDED" or "MODIFIED" or "DELETED":
                    if (PolicySnapshotReader.Read(item, _logger) is not { } snapshot)
                    {
                        _logger.LogWarning("ScalingPolicy watch in {Scope}: {Type} event without a named object", Scope, type);
                        break;
                    }
                    resourceVersion = snapshot.ResourceVersion ?? resourceVersion;
                    if (type == "DELETED")
                    {
                        _known.Remove(snapshot.Key);
                        change = new PolicyChange(PolicyChangeKind.Deleted, snapshot);
                    }
                    else
                    {
                        _known[snapshot.Key] = snapshot;
                        change = new PolicyChange(PolicyChangeKind.Upserted, snapshot);
                    }
                    break;
                case "BOOKMARK":
                    resourceVersion = PolicySnapshotReader.ResourceVersion(item) ?? resourceVersion;
                    break;
                case "ERROR":
                    var (code, message) = ApiErrors.Status(item);
                    if (code == 410) return (WatchEnd.Expired, resourceVersion);
                    _logger.LogWarning("ScalingPolicy watch in {Scope} ended with an error: {Code} {Message}", Scope, code, message);
                    return (WatchEnd.Failed, resourceVersion);
                default:
                    _logger.LogDebug("ScalingPolicy watch in {Scope}: ignoring event type {Type}", Scope, type);
                    break;
            }
        }
        catch (JsonException e)
        {
            _logger.LogWarning("ScalingPolicy watch in {Scope}: unreadable event skipped: {Error}", Scope, e.Message);
        }
        if (change is not null) await output.WriteAsync(change, cancellationToken).ConfigureAwait(false);
        return (null, resourceVersion);
    }
}
