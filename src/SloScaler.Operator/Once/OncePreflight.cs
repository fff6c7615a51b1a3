using k8s;
using k8s.Autorest;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Once;

/// <summary>
/// Before <c>--once</c> reads the watch stream (which retries a failing API server forever), one
/// small list per scope says whether ScalingPolicies can be read at all — so an unreachable
/// server, a missing CRD or missing RBAC is an error, not "no policies". Skipped when the policy
/// source can list by itself (<see cref="Controller.IPolicyListing"/>).
/// </summary>
internal static class OncePreflight
{
    /// <returns>Null when every scope answered; else what went wrong.</returns>
    public static async Task<string?> CheckAsync(IKubernetes client, IReadOnlyList<string> namespaces, TimeSpan bound, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        string?[] scopes = namespaces.Count == 0 ? [null] : [.. namespaces];
        foreach (var ns in scopes)
        {
            var where = ns is null ? "all namespaces" : $"namespace {ns}";
            try
            {
                if (ns is null)
                    await client.CustomObjects.ListClusterCustomObjectAsync(ScalingPolicy.Group, ScalingPolicy.Version, ScalingPolicy.Plural, limit: 1, cancellationToken: timeout.Token);
                else
                    await client.CustomObjects.ListNamespacedCustomObjectAsync(ScalingPolicy.Group, ScalingPolicy.Version, ns, ScalingPolicy.Plural, limit: 1, cancellationToken: timeout.Token);
            }
            catch (HttpOperationException e)
            {
                return $"cannot list ScalingPolicies in {where}: HTTP {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}"
                    + ((int)e.Response.StatusCode == 404 ? " (is the CRD installed? see config/crd)" : "");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"cannot list ScalingPolicies in {where}: no answer from the API server within {Duration.Format(bound)}";
            }
            catch (HttpRequestException e)
            {
                return $"cannot list ScalingPolicies in {where}: {e.Message}";
            }
        }
        return null;
    }
}
