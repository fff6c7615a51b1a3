namespace SloScaler.Operator.Tests.Support;

/// <summary>
/// A fact that needs the real Kubernetes API server of <c>SLOSCALER_KUBECONFIG</c>; skipped, with
/// the reason, when the variable is not set. CI runs the tests through <c>hack/test.sh</c>, which sets it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubeFactAttribute : FactAttribute
{
    public const string Variable = "SLOSCALER_KUBECONFIG";

    public const string MissingReason =
        "SLOSCALER_KUBECONFIG is not set: run the tests through hack/test.sh, which starts a Kubernetes API server";

    public KubeFactAttribute()
    {
        if (Kubeconfig is null) Skip = MissingReason;
    }

    /// <summary>The kubeconfig of the test cluster, or null when there is none.</summary>
    public static string? Kubeconfig =>
        Environment.GetEnvironmentVariable(Variable) is { } path && !string.IsNullOrWhiteSpace(path) ? path : null;
}

/// <summary>A theory that needs the real Kubernetes API server; see <see cref="KubeFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class KubeTheoryAttribute : TheoryAttribute
{
    public KubeTheoryAttribute()
    {
        if (KubeFactAttribute.Kubeconfig is null) Skip = KubeFactAttribute.MissingReason;
    }
}
