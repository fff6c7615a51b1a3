using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Retries;
using Polly;
using k8s.Models;
using k8s;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// The scale subresource of any kind that has one (Deployment, StatefulSet, ReplicaSet, a custom
/// resource…), found through discovery. Reads <c>spec.replicas</c> from the autoscaling/v1 Scale and
/// ready replicas from the object's <c>status.readyReplicas</c>; writes replicas with a merge patch
/// of the Scale. API failures come back as values, never as exceptions.
/// </summary>
public sealed class KubernetesScaleTarget : IScaleTarget
{
    /// <summary>
    /// A write that meets a conflict is tried again, as client-go's <c>RetryOnConflict</c> does:
    /// a merge patch of the Scale carries no resourceVersion, so a conflict is rare and brief.
    /// </summary>
    private static readonly RetryPolicy ConflictRetry = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(40) };

    /// <summary>Kinds whose status counts ready replicas and omits the field when there are none.</summary>
    private static readonly HashSet<(string Group, string Kind)> ReadyCountingKinds =
    [
        ("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "ReplicaSet"),
        ("extensions", "Deployment"), ("extensions", "ReplicaSet"), ("", "ReplicationController"),
    ];

    private readonly KubernetesHttp _http;
    private readonly ResourceDiscovery _discovery;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<ApiResult> _writes;

    public KubernetesScaleTarget(IKubernetes client, ILogger<KubernetesScaleTarget>? logger = null, TimeProvider? timeProvider = null, SeededRandom? random = null)
    {
        var time = timeProvider ?? TimeProvider.System;
        _http = new KubernetesHttp(client);
        _discovery = new ResourceDiscovery(_http, time, TimeSpan.FromSeconds(10));
        _writes = ConflictRetry.Pipeline<ApiResult>(o => o.Result is { IsConflict: true }, time, random ?? new SeededRandom(SeededRandom.FreshSeed()));
        _logger = logger ?? NullLogger<KubernetesScaleTarget>.Instance;
    }

    public async Task<ScaleReading> GetAsync(string @namespace, TargetReference target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (resource, failure) = await ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        if (resource is null) return failure!;

        var path = resource.ObjectPath(@namespace, target.Name);
        var result = await _http.GetAsync(path + "/scale", cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
            return result.IsNotFound ? ScaleReading.NotFound(NotFoundMessage(resource, target.Name, result)) : ScaleReading.Failed(result.Message);
        var scale = TryRead<V1Scale>(result);
        if (scale is null) return ScaleReading.Failed($"{resource.QualifiedName} \"{target.Name}\": the scale subresource answered with something that is not a Scale");

        var ready = await ReadyReplicasAsync(resource, path, cancellationToken).ConfigureAwait(false);
        return ScaleReading.Found(scale.Spec?.Replicas ?? 0, ready);
    }

    public async Task<ScaleWrite> SetReplicasAsync(string @namespace, TargetReference target, int replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        var (resource, failure) = await ResolveAsync(target, cancellationToken).ConfigureAwait(false);
        if (resource is null) return ScaleWrite.Failed(failure!.Message ?? "unknown target");

        var path = resource.ObjectPath(@namespace, target.Name) + "/scale";
        var patch = $"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}";
        var result = await _writes.ExecuteAsync(
            static (state, c) => new ValueTask<ApiResult>(state.http.SendAsync(HttpMethod.Patch, state.path, state.patch, KubernetesHttp.MergePatch, c)),
            (http: _http, path, patch), cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess) return ScaleWrite.Ok;
        var message = result.IsNotFound ? NotFoundMessage(resource, target.Name, result) : result.Message;
        _logger.LogWarning("Setting {Target} in {Namespace} to {Replicas} replicas failed: {Message}", target, @namespace, replicas, message);
        return ScaleWrite.Failed(message);
    }

    private async Task<(ScalableResource? Resource, ScaleReading? Failure)> ResolveAsync(TargetReference target, CancellationToken cancellationToken)
    {
        var lookup = await _discovery.ResolveAsync(target.ApiVersion, target.Kind, cancellationToken).ConfigureAwait(false);
        if (lookup.Resource is null)
            return (null, lookup.NotFound ? ScaleReading.NotFound(lookup.Message!) : ScaleReading.Failed(lookup.Message!));
        if (!lookup.Resource.HasScale)
            return (null, ScaleReading.Failed($"{lookup.Resource.QualifiedName} has no scale subresource"));
        return (lookup.Resource, null);
    }

    /// <summary>status.readyReplicas of the object; 0 when a ready-counting kind omits it; null when unknown.</summary>
    private async Task<int?> ReadyReplicasAsync(ScalableResource resource, string path, CancellationToken cancellationToken)
    {
        var result = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            _logger.LogDebug("Reading {Path} for ready replicas failed: {Message}", path, result.Message);
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(result.Body);
            if (document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("readyReplicas", out var ready) && ready.TryGetInt32(out var count))
                return count;
        }
        catch (JsonException e)
        {
            _logger.LogDebug(e, "Reading {Path} for ready replicas gave bad JSON", path);
            return null;
        }
        return ReadyCountingKinds.Contains((resource.Group, resource.Kind)) ? 0 : null;
    }

    private static T? TryRead<T>(ApiResult result) where T : class
    {
        try
        {
            return result.Read<T>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// For a 404 that names the object, the message a GET of the object gives (<c>deployments.apps "web" not found</c>,
    /// not the subresource's <c>deployments/scale.apps …</c>). A 404 that does not name it means the resource
    /// type itself went away: discovery is asked again next time.
    /// </summary>
    private string NotFoundMessage(ScalableResource resource, string name, ApiResult result)
    {
        if (TryRead<V1Status>(result)?.Details?.Name == name) return $"{resource.QualifiedName} \"{name}\" not found";
        _discovery.Forget(resource);
        return result.Message;
    }
}
