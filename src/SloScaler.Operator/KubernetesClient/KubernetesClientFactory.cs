using k8s;
using k8s.Exceptions;

namespace SloScaler.Operator.KubernetesClient;

/// <summary>Builds the API client: where to connect (kubeconfig or in-cluster) and the client-side rate limiter.</summary>
public static class KubernetesClientFactory
{
    /// <summary>
    /// Connects with, in order: <paramref name="kubeconfigPath"/> when given; the files in
    /// <c>KUBECONFIG</c> when set; the pod's service account when running in a pod; else
    /// <c>~/.kube/config</c>. Throws <see cref="k8s.Exceptions.KubeConfigException"/> when none works.
    /// </summary>
    public static IKubernetes Create(string? kubeconfigPath, KubernetesClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var config = BuildConfig(kubeconfigPath);
        var setup = config.FirstMessageHandlerSetup;
        config.FirstMessageHandlerSetup = handler =>
        {
            setup?.Invoke(handler);
            // One HTTP/2 connection carries at most ~100 streams; every watch holds one for minutes.
            handler.EnableMultipleHttp2Connections = true;
            // Find a dead connection under a long watch instead of waiting for the watch's timeout.
            handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests;
            handler.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
            handler.KeepAlivePingTimeout = TimeSpan.FromSeconds(15);
        };
        DelegatingHandler[] handlers = options.Qps > 0
            ? [new RateLimitingHandler(options.Qps, options.Burst, options.TimeProvider, options.RateLimitObserver)]
            : [];
        return new k8s.Kubernetes(config, handlers);
    }

    /// <summary>The connection settings <see cref="Create"/> uses.</summary>
    public static KubernetesClientConfiguration BuildConfig(string? kubeconfigPath)
    {
        if (!string.IsNullOrWhiteSpace(kubeconfigPath))
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("KUBECONFIG")) && KubernetesClientConfiguration.IsInCluster())
            return KubernetesClientConfiguration.InClusterConfig();
        // KUBECONFIG (a path list) when set, else ~/.kube/config. The client library would otherwise fall back
        // to http://localhost:8080, an address nobody gave: say that nothing was found instead.
        var kubeconfig = Environment.GetEnvironmentVariable("KUBECONFIG");
        var candidates = string.IsNullOrWhiteSpace(kubeconfig)
            ? [KubernetesClientConfiguration.KubeConfigDefaultLocation]
            : kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (!candidates.Any(File.Exists))
        {
            throw new KubeConfigException(string.IsNullOrWhiteSpace(kubeconfig)
                ? $"no kubeconfig or in-cluster configuration found (no --kubeconfig, no KUBECONFIG, no {KubernetesClientConfiguration.KubeConfigDefaultLocation}, not in a pod)"
                : $"no kubeconfig found: none of the files in KUBECONFIG exists ({kubeconfig})");
        }
        return KubernetesClientConfiguration.BuildDefaultConfig();
    }
}
