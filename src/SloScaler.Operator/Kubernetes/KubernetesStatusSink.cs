using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Retries;
using Polly;
using k8s.Autorest;
using k8s.Models;
using k8s;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// Writes a policy's status through the <c>status</c> subresource — only when the report says it
/// changed materially — and records the report's Events as <c>events.k8s.io/v1</c> Events. The
/// status goes as one JSON patch that replaces <c>/status</c> whole: no field of an older status
/// survives, no resourceVersion is needed, so a concurrent writer causes no conflict and the new
/// status is never lost (the API server retries its own storage conflicts). A failed write is
/// logged; only cancellation throws.
/// </summary>
public sealed class KubernetesStatusSink : IStatusSink
{
    private readonly IKubernetes _client;
    private readonly KubernetesStatusSinkOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _reportingInstance;
    private readonly SeededRandom _random;
    private readonly ResiliencePipeline<string?> _statusWrites;

    public KubernetesStatusSink(
        IKubernetes client, KubernetesStatusSinkOptions? options = null, ILogger<KubernetesStatusSink>? logger = null, TimeProvider? timeProvider = null,
        SeededRandom? random = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new KubernetesStatusSinkOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
        _logger = logger ?? NullLogger<KubernetesStatusSink>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _reportingInstance = _options.ResolveReportingInstance();
        _random = random ?? new SeededRandom(SeededRandom.FreshSeed());
        _statusWrites = _options.Retry.Pipeline<string?>(o => o.Exception is { } e && Retriable(e), _time, _random, args =>
        {
            if (args.Context.Properties.TryGetValue(PolicyKeyProperty, out var key))
            {
                _logger.LogDebug("Status write for ScalingPolicy {Policy} failed ({Error}); attempt {Attempt} of {MaxAttempts}",
                    key, Describe(args.Outcome.Exception!), args.AttemptNumber + 1, _options.MaxAttempts);
            }
            return default;
        });
    }

    public async Task ReportAsync(PolicyReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        string? uid = null;
        if (report.Material) uid = await WriteStatusAsync(report.Key, report.Status, cancellationToken).ConfigureAwait(false);
        if (report.Events.Count == 0) return;
        uid ??= _options.UidLookup?.Invoke(report.Key) ?? await ReadUidAsync(report.Key, cancellationToken).ConfigureAwait(false);
        foreach (var e in report.Events)
            await CreateEventAsync(report.Key, uid, e, cancellationToken).ConfigureAwait(false);
    }

    private static readonly ResiliencePropertyKey<PolicyKey> PolicyKeyProperty = new("sloscaler.policy");

    /// <summary>Replaces the status; returns the policy's uid from the answer, null when the write failed.</summary>
    private async Task<string?> WriteStatusAsync(PolicyKey key, ScalingPolicyStatus status, CancellationToken cancellationToken)
    {
        var value = JsonSerializer.Serialize(status, PolicyJson.Options);
        var patch = new V1Patch($"[{{\"op\":\"add\",\"path\":\"/status\",\"value\":{value}}}]", V1Patch.PatchType.JsonPatch);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(PolicyKeyProperty, key);
        try
        {
            return await _statusWrites.ExecuteAsync(async (c, state) =>
            {
                var updated = await _client.CustomObjects.PatchNamespacedCustomObjectStatusAsync<JsonElement>(
                    state.patch, ScalingPolicyResource.Group, ScalingPolicyResource.Version, state.key.Namespace, ScalingPolicyResource.Plural, state.key.Name,
                    cancellationToken: c.CancellationToken).ConfigureAwait(false);
                return PolicySnapshotReader.Read(updated, _logger)?.Uid;
            }, context, (patch, key)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _logger.LogWarning("Status write for ScalingPolicy {Policy} failed: {Error}", key, Describe(e));
            return null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task CreateEventAsync(PolicyKey key, string? uid, PolicyEvent e, CancellationToken cancellationToken)
    {
        var body = PolicyEvents.Create(key, uid, e, _time.GetUtcNow(), _reportingInstance, _random.NextInt64());
        try
        {
            await _client.EventsV1.CreateNamespacedEventAsync(body, key.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogWarning("Event {Reason} for ScalingPolicy {Policy} not recorded: {Error}", e.Reason, key, Describe(ex));
        }
    }

    private async Task<string?> ReadUidAsync(PolicyKey key, CancellationToken cancellationToken)
    {
        try
        {
            var policy = await _client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(
                ScalingPolicyResource.Group, ScalingPolicyResource.Version, key.Namespace, ScalingPolicyResource.Plural, key.Name,
                cancellationToken).ConfigureAwait(false);
            return PolicySnapshotReader.Read(policy, _logger)?.Uid;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            _logger.LogDebug("Reading the uid of ScalingPolicy {Policy} failed: {Error}", key, Describe(e));
            return null;
        }
    }

    private static bool Retriable(Exception e) => e switch
    {
        HttpOperationException { Response: { } r } => (int)r.StatusCode is 409 or 429 or >= 500,
        HttpOperationException => true,
        HttpRequestException or IOException or OperationCanceledException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        HttpOperationException h => ApiErrors.Message(h),
        _ => e.Message,
    };
}
