using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.KubernetesClient;

namespace SloScaler.Operator.Tests.Kubernetes;

public sealed class KubernetesClientFactoryTests
{
    private const string Kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "https://127.0.0.1:6443", insecure-skip-tls-verify: true}
        users:
        - name: test
          user: {token: not-a-real-token}
        contexts:
        - name: test
          context: {cluster: test, user: test, namespace: team-a}
        current-context: test
        """;

    [Fact]
    public void Create_ExplicitKubeconfig_ConnectsToItsServer()
    {
        var file = Path.Combine(Path.GetTempPath(), $"sloscaler-kubeconfig-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, Kubeconfig);
        try
        {
            using var client = KubernetesClientFactory.Create(file, new KubernetesClientOptions());

            Assert.Equal(new Uri("https://127.0.0.1:6443/"), client.BaseUri);
            Assert.Equal("team-a", KubernetesClientFactory.BuildConfig(file).Namespace);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(20, 0)]
    [InlineData(double.NaN, 40)]
    public void Create_BadLimiterOptions_Throws(double qps, int burst)
    {
        Assert.ThrowsAny<ArgumentException>(() => KubernetesClientFactory.Create("unused", new KubernetesClientOptions { Qps = qps, Burst = burst }));
    }
}
