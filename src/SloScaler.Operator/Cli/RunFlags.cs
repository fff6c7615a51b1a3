using SloScaler.Operator.Hosting;

namespace SloScaler.Operator.Cli;

/// <summary>The flags of <c>sloscaler run</c> as typed, before <see cref="RunFlagsParser"/> checks them.</summary>
public sealed record RunFlags
{
    public string? Kubeconfig { get; init; }
    public IReadOnlyList<string> Namespaces { get; init; } = [];
    public bool DryRun { get; init; }
    public bool Once { get; init; }
    public bool LeaderElect { get; init; }
    public string? LeaderElectionNamespace { get; init; }
    public string LeaderElectionName { get; init; } = "sloscaler-leader";
    public string ProbePort { get; init; } = "8081";
    public string ProbeBindAddress { get; init; } = "0.0.0.0";
    public string MetricsPort { get; init; } = "8080";
    public string MetricsBindAddress { get; init; } = "0.0.0.0";
    public string LogFormat { get; init; } = "text";
    public string LogLevel { get; init; } = "info";
    public string? PrometheusAddress { get; init; }
    public string PrometheusTimeout { get; init; } = "5s";
    public string? PrometheusBearerTokenFile { get; init; }
    public string? PrometheusCaFile { get; init; }
    public IReadOnlyList<string> PrometheusHeaders { get; init; } = [];
    public string MaxConcurrentReconciles { get; init; } = "8";
    public string MaxConcurrentQueries { get; init; } = "8";
    public string KubeQps { get; init; } = "20";
    public string KubeBurst { get; init; } = "40";
}
