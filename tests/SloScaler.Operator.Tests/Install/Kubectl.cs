using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Install;

/// <summary>The kubectl of <c>SLOSCALER_KUBECTL</c> (set by hack/test.sh) or of PATH, against the test cluster.</summary>
internal static class Kubectl
{
    public const string Variable = "SLOSCALER_KUBECTL";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string? Binary =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : Tool.OnPath("kubectl");

    public static string? MissingReason =>
        Binary is null ? $"no kubectl: {Variable} is not set and kubectl is not on PATH" : null;

    public static Task<ToolResult> RunAsync(string kubeconfig, params string[] arguments) =>
        Tool.RunAsync(Binary ?? throw new InvalidOperationException(MissingReason), ["--kubeconfig", kubeconfig, .. arguments], Timeout);
}

/// <summary>A fact that needs kubectl and the real API server.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        Skip = TestServers.KubernetesMissing ?? Kubectl.MissingReason;
    }
}
