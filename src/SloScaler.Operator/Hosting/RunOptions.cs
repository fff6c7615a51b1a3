using Serilog.Events;

namespace SloScaler.Operator.Hosting;

public enum LogFormat { Text, Json }

/// <summary>
/// Everything <c>sloscaler run</c> is told, already checked (see <see cref="Cli.RunFlagsParser"/>).
/// Tests build one directly and hand it to <see cref="OperatorHost.Build"/>.
/// </summary>
public sealed record RunOptions
{
    /// <summary>Kubeconfig file; null: <c>KUBECONFIG</c>, the pod's service account, or <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Namespaces to watch; empty: all.</summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public bool DryRun { get; init; }

    /// <summary>Evaluate every policy once, print a table, exit (no leader election, no servers).</summary>
    public bool Once { get; init; }

    public bool LeaderElect { get; init; }

    /// <summary>Namespace of the Lease; required (resolved from the pod when in a cluster) when <see cref="LeaderElect"/>.</summary>
    public string? LeaderElectionNamespace { get; init; }

    public string LeaderElectionName { get; init; } = "sloscaler-leader";

    /// <summary>Who this process is in the Lease; default: pod name or host name plus a random suffix.</summary>
    public string? LeaderElectionIdentity { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Port of <c>/healthz</c> and <c>/readyz</c>; 0 turns the probe server off.</summary>
    public int ProbePort { get; init; } = 8081;

    public string ProbeBindAddress { get; init; } = "0.0.0.0";

    /// <summary>Port of <c>/metrics</c>; 0 turns the metrics server off.</summary>
    public int MetricsPort { get; init; } = 8080;

    public string MetricsBindAddress { get; init; } = "0.0.0.0";

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    public string? PrometheusAddress { get; init; }

    public TimeSpan PrometheusTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public string? PrometheusBearerTokenFile { get; init; }

    public string? PrometheusCaFile { get; init; }

    public IReadOnlyDictionary<string, string> PrometheusHeaders { get; init; } = new Dictionary<string, string>();

    public int MaxConcurrentReconciles { get; init; } = 8;

    public int MaxConcurrentQueries { get; init; } = 8;

    /// <summary>Sustained Kubernetes requests per second; 0 turns the client-side limiter off.</summary>
    public double KubeQps { get; init; } = 20;

    public int KubeBurst { get; init; } = 40;

    /// <summary>On shutdown, how long in-flight reconciles may take to finish.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seed for the tick jitter.</summary>
    public int Seed { get; init; } = Environment.ProcessId;
}
