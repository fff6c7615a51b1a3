namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// A fact that needs both real servers, a Kubernetes API server and Prometheus; skipped, with the
/// reason, when either is missing (present but broken servers fail the test).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        Skip = TestServers.KubernetesMissing ?? TestServers.PrometheusMissing;
    }
}
