using System.Diagnostics;
using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// A ServiceAccount's own credentials, as a pod of it would have them: the token of its token
/// Secret (Kubernetes 1.20 still creates one per ServiceAccount) and the cluster's CA, written into
/// a kubeconfig for <c>sloscaler run --kubeconfig</c>, and a client for checking what it may do.
/// </summary>
internal sealed class ServiceAccountIdentity
{
    public static readonly TimeSpan TokenBound = TimeSpan.FromSeconds(30);

    private ServiceAccountIdentity(string @namespace, string name, string tokenSecret, string kubeconfigPath)
    {
        Namespace = @namespace;
        Name = name;
        TokenSecret = tokenSecret;
        KubeconfigPath = kubeconfigPath;
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <summary>The Secret holding the token: a Secret the ServiceAccount itself must not be able to read.</summary>
    public string TokenSecret { get; }

    public string KubeconfigPath { get; }

    public string UserName => $"system:serviceaccount:{Namespace}:{Name}";

    public static async Task<ServiceAccountIdentity> FromTokenSecretAsync(IKubernetes admin, string adminKubeconfig, string @namespace, string name, string folder)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var account = await admin.CoreV1.ReadNamespacedServiceAccountAsync(name, @namespace);
                foreach (var reference in account.Secrets ?? [])
                {
                    var secret = await admin.CoreV1.ReadNamespacedSecretAsync(reference.Name, @namespace);
                    if (secret.Type == "kubernetes.io/service-account-token" && secret.Data?.TryGetValue("token", out var token) == true
                        && secret.Data.TryGetValue("ca.crt", out var ca))
                    {
                        var path = Path.Combine(folder, $"{name}.kubeconfig");
                        var server = KubernetesClientConfiguration.BuildConfigFromConfigFile(adminKubeconfig).Host;
                        await File.WriteAllTextAsync(path, Kubeconfig(server, Convert.ToBase64String(ca), Encoding.UTF8.GetString(token)));
                        return new ServiceAccountIdentity(@namespace, name, reference.Name, path);
                    }
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // not created yet
            }
            if (clock.Elapsed > TokenBound)
                throw new TimeoutException($"ServiceAccount {@namespace}/{name} got no token Secret within {TokenBound.TotalSeconds:0}s: is kube-controller-manager running?");
            await Task.Delay(250);
        }
    }

    public k8s.Kubernetes CreateClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    private static string Kubeconfig(string server, string caData, string token) => $"""
        apiVersion: v1
        kind: Config
        clusters:
          - name: test
            cluster:
              server: {server}
              certificate-authority-data: {caData}
        users:
          - name: service-account
            user:
              token: {token}
        contexts:
          - name: service-account
            context:
              cluster: test
              user: service-account
        current-context: service-account
        """;
}
