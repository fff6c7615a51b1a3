namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>How a test runs <c>sloscaler run</c>; the addresses and ports are the fixture's business.</summary>
public sealed record OperatorOptions
{
    /// <summary><c>--dry-run</c>: decide and report, never write replicas.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>--leader-elect</c>, with the Lease in the test's namespace.</summary>
    public bool LeaderElect { get; init; }

    public string LeaderElectionName { get; init; } = "sloscaler-e2e";

    /// <summary>More <c>sloscaler run</c> arguments.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
