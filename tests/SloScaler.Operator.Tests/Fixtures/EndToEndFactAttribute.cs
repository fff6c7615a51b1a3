namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// A fact that needs both real servers: <c>[KubeFact]</c>'s rule (skipped without
/// <c>SLOSCALER_KUBECONFIG</c>), and the same for Prometheus (<c>SLOSCALER_PROMETHEUS_BIN</c>).
/// Present but broken servers fail the test. (<c>KubeFactAttribute</c> is sealed, so this one
/// applies its rule rather than deriving from it.)
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        Skip = TestServers.KubernetesMissing ?? TestServers.PrometheusMissing;
    }
}
