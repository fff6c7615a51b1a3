using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// Plays the kubelet the test cluster does not have: every half second it marks the namespace's
/// pods Running and Ready through the pods' status subresource, so the ReplicaSet and Deployment
/// ready counts become real. Runs until disposed, and at most <see cref="MaxLifetime"/>.
/// </summary>
public sealed class FakeKubelet : IAsyncDisposable
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(500);
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly CancellationTokenSource _stop = new(MaxLifetime);
    private readonly Task _loop;

    private FakeKubelet(IKubernetes client, string @namespace)
    {
        _client = client;
        _namespace = @namespace;
        _loop = Task.Run(RunAsync);
    }

    public static FakeKubelet Start(TestNamespace ns) => new(ns.Client, ns.Name);

    /// <summary>Marks every pod of the namespace that is not Ready yet; returns how many it marked.</summary>
    public static async Task<int> MarkReadyAsync(IKubernetes client, string @namespace, CancellationToken cancellationToken = default)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(@namespace, cancellationToken: cancellationToken);
        var marked = 0;
        foreach (var pod in pods.Items.Where(p => p.Metadata.DeletionTimestamp is null && !IsReady(p)))
        {
            var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            var patch = $$$"""
                {"status":{"phase":"Running","startTime":"{{{now}}}","conditions":[
                  {"type":"PodScheduled","status":"True","lastTransitionTime":"{{{now}}}"},
                  {"type":"Initialized","status":"True","lastTransitionTime":"{{{now}}}"},
                  {"type":"ContainersReady","status":"True","lastTransitionTime":"{{{now}}}"},
                  {"type":"Ready","status":"True","lastTransitionTime":"{{{now}}}"}]}}
                """;
            try
            {
                await client.CoreV1.PatchNamespacedPodStatusAsync(
                    new V1Patch(patch, V1Patch.PatchType.MergePatch), pod.Metadata.Name, @namespace, cancellationToken: cancellationToken);
                marked++;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
            {
                // deleted by a scale-in meanwhile
            }
        }
        return marked;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            do
            {
                try
                {
                    await MarkReadyAsync(_client, _namespace, _stop.Token);
                }
                catch (HttpOperationException)
                {
                    // the namespace is going away, or the API server hiccupped: try again next period
                }
                catch (HttpRequestException)
                {
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // disposed, or MaxLifetime reached
        }
    }
}
