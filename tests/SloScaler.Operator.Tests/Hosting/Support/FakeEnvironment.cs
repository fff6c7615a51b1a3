using SloScaler.Operator.Hosting;

namespace SloScaler.Operator.Tests.Hosting.Support;

internal sealed class FakeEnvironment(string? inClusterNamespace = null, string instance = "sloscaler-7d9f") : IRunEnvironment
{
    public string? InClusterNamespace() => inClusterNamespace;

    public string InstanceName() => instance;
}
