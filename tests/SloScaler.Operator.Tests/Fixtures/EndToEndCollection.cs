namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// The tests against the real servers share one Prometheus (with its load target) and one API
/// server connection, and run one after another: some stop Prometheus, and the machine is small.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PrometheusFixture>, ICollectionFixture<KubeFixture>
{
    public const string Name = "EndToEnd";
}
