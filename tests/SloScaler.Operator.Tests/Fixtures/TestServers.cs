using SloScaler.Operator.Tests.Support;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// The real servers the end-to-end tests need, as the test command (<c>hack/test.sh</c>) announces
/// them through the environment. A missing server is a reason to skip; a present but broken one fails.
/// </summary>
public static class TestServers
{
    public const string PrometheusBinVariable = "SLOSCALER_PROMETHEUS_BIN";

    public static string? Kubeconfig => KubeFactAttribute.Kubeconfig;

    public static string? PrometheusBin => NonEmpty(Environment.GetEnvironmentVariable(PrometheusBinVariable));

    /// <summary>Why a test that needs a Kubernetes API server cannot run here (as <c>[KubeFact]</c> says it), or null.</summary>
    public static string? KubernetesMissing => Kubeconfig is null ? KubeFactAttribute.MissingReason : null;

    /// <summary>Why a test that needs a Prometheus server cannot run here, or null.</summary>
    public static string? PrometheusMissing =>
        PrometheusBin is null
            ? $"no Prometheus: {PrometheusBinVariable} is not set (hack/test.sh installs it; by hand: export {PrometheusBinVariable}=$(bash hack/prometheus-install.sh | tail -n1))"
            : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
