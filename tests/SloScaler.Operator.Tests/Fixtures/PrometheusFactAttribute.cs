namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>A fact that needs a real Prometheus; skipped, with the reason, when none is installed.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        Skip = TestServers.PrometheusMissing;
    }
}
