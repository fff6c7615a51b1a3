using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
using SloScaler.Operator.Controller;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Retries;
using k8s;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// <see cref="IPolicySource"/> over the API server: list then watch ScalingPolicies in all
/// namespaces (one watch) or in the given ones (one watch each), merged into one stream. Each call
/// to <see cref="WatchAsync"/> starts from a fresh list. The stream ends only on cancellation.
/// </summary>
public sealed class KubernetesPolicySource : IPolicySource
{
    private const int Buffer = 1024;

    private readonly KubernetesHttp _http;
    private readonly KubernetesPolicySourceOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SeededRandom _random;

    public KubernetesPolicySource(
        IKubernetes client, KubernetesPolicySourceOptions? options = null, ILogger<KubernetesPolicySource>? logger = null, TimeProvider? timeProvider = null,
        SeededRandom? random = null)
    {
        _http = new KubernetesHttp(client);
        _options = options ?? new KubernetesPolicySourceOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<KubernetesPolicySource>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? new SeededRandom(SeededRandom.FreshSeed());
    }

    public async IAsyncEnumerable<PolicyChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PolicyChange>(new BoundedChannelOptions(Buffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string?[] scopes = _options.Namespaces.Count == 0 ? [null] : [.. _options.Namespaces.Distinct(StringComparer.Ordinal)];
        var loops = scopes
            .Select(ns => Task.Run(() => new PolicyWatchLoop(_http, ns, _options, _time, _random, _logger).RunAsync(channel.Writer, stop.Token), CancellationToken.None))
            .ToArray();
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                yield return change;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(loops).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "A ScalingPolicy watch loop failed");
            }
            catch (OperationCanceledException)
            {
                // stopped as asked
            }
        }
    }
}
