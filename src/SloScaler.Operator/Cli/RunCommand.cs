using System.CommandLine;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Once;

namespace SloScaler.Operator.Cli;

/// <summary>
/// <c>sloscaler run</c>: the operator. Watches ScalingPolicies and reconciles each at its
/// interval; with <c>--once</c>, evaluates every policy once, prints a table and exits (1 when any
/// policy is invalid or its metrics are unavailable). Every flag is checked first; a bad one exits 2
/// with a message naming it and its value.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var d = new RunFlags();
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file (default: KUBECONFIG, the pod's service account, or ~/.kube/config)" };
        var namespaces = new Option<string[]>("--namespace", "-n") { Description = "Namespace to watch (repeatable; default: all namespaces)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Decide and report, never write replicas" };
        var once = new Option<bool>("--once") { Description = "Evaluate every policy once, print a table and exit (no leader election, no probe or metrics server)" };
        var leaderElect = new Option<bool>("--leader-elect") { Description = "Reconcile only while holding a coordination.k8s.io Lease (run two replicas)" };
        var leaseNamespace = new Option<string?>("--leader-election-namespace") { Description = "Namespace of the Lease (default: the pod's namespace)" };
        var leaseName = Text("--leader-election-name", "Name of the Lease", d.LeaderElectionName);
        var probePort = Text("--probe-port", "Port of /healthz and /readyz (0: off)", d.ProbePort);
        var probeBind = Text("--probe-bind-address", "Address the probe server binds", d.ProbeBindAddress);
        var metricsPort = Text("--metrics-port", "Port of /metrics (0: off)", d.MetricsPort);
        var metricsBind = Text("--metrics-bind-address", "Address the metrics server binds", d.MetricsBindAddress);
        var logFormat = Text("--log-format", "text or json", d.LogFormat);
        var logLevel = Text("--log-level", "trace, debug, info, warning, error or fatal", d.LogLevel);
        var promAddress = new Option<string?>("--prometheus-address") { Description = "Prometheus base URL for policies that name none, e.g. http://prometheus.monitoring:9090" };
        var promTimeout = Text("--prometheus-timeout", "Per-query timeout (a timeout is an error, never zero)", d.PrometheusTimeout);
        var promToken = new Option<string?>("--prometheus-bearer-token-file") { Description = "File whose content is sent as a bearer token" };
        var promCa = new Option<string?>("--prometheus-ca-file") { Description = "PEM CA bundle that signs Prometheus' certificate" };
        var promHeaders = new Option<string[]>("--prometheus-header") { Description = "Extra request header NAME=VALUE (repeatable), e.g. X-Scope-OrgID=team-a" };
        var maxReconciles = Text("--max-concurrent-reconciles", "Reconciles in flight at once", d.MaxConcurrentReconciles);
        var maxQueries = Text("--max-concurrent-queries", "Prometheus queries in flight at once", d.MaxConcurrentQueries);
        var kubeQps = Text("--kube-qps", "Sustained Kubernetes requests per second (client-side token bucket; 0: off)", d.KubeQps);
        var kubeBurst = Text("--kube-burst", "Kubernetes requests allowed in a burst above --kube-qps", d.KubeBurst);

        var command = new Command("run", "Run the operator: watch ScalingPolicies and scale their targets to keep the SLO")
        {
            kubeconfig, namespaces, dryRun, once, leaderElect, leaseNamespace, leaseName, probePort, probeBind, metricsPort, metricsBind,
            logFormat, logLevel, promAddress, promTimeout, promToken, promCa, promHeaders, maxReconciles, maxQueries, kubeQps, kubeBurst,
        };
        // Synchronous on purpose: the generic host handles SIGTERM and drains; an async action would
        // let System.CommandLine end the process after its own short termination timeout.
        command.SetAction(parse => Run(new RunFlags
        {
            Kubeconfig = parse.GetValue(kubeconfig),
            Namespaces = parse.GetValue(namespaces) ?? [],
            DryRun = parse.GetValue(dryRun),
            Once = parse.GetValue(once),
            LeaderElect = parse.GetValue(leaderElect),
            LeaderElectionNamespace = parse.GetValue(leaseNamespace),
            LeaderElectionName = parse.GetValue(leaseName)!,
            ProbePort = parse.GetValue(probePort)!,
            ProbeBindAddress = parse.GetValue(probeBind)!,
            MetricsPort = parse.GetValue(metricsPort)!,
            MetricsBindAddress = parse.GetValue(metricsBind)!,
            LogFormat = parse.GetValue(logFormat)!,
            LogLevel = parse.GetValue(logLevel)!,
            PrometheusAddress = parse.GetValue(promAddress),
            PrometheusTimeout = parse.GetValue(promTimeout)!,
            PrometheusBearerTokenFile = parse.GetValue(promToken),
            PrometheusCaFile = parse.GetValue(promCa),
            PrometheusHeaders = parse.GetValue(promHeaders) ?? [],
            MaxConcurrentReconciles = parse.GetValue(maxReconciles)!,
            MaxConcurrentQueries = parse.GetValue(maxQueries)!,
            KubeQps = parse.GetValue(kubeQps)!,
            KubeBurst = parse.GetValue(kubeBurst)!,
        }, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Checks the flags (exit 2 on a bad one), then runs once or until stopped.</summary>
    public static int Run(RunFlags flags, TextWriter output, TextWriter error)
    {
        var parsed = RunFlagsParser.Parse(flags);
        if (parsed.Options is not { } options)
        {
            foreach (var message in parsed.Errors) error.WriteLine(message);
            return 2;
        }
        try
        {
            if (!options.Once) return OperatorHost.RunAsync(options).GetAwaiter().GetResult();
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                cancel.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var plain = output != Console.Out || Console.IsOutputRedirected;
                return OnceRun.RunAsync(options, output, error, plain, cancel.Token).GetAwaiter().GetResult();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }
        catch (k8s.Exceptions.KubeConfigException e)
        {
            error.WriteLine(options.Kubeconfig is null ? $"sloscaler run: {e.Message}" : $"--kubeconfig: \"{options.Kubeconfig}\": {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("cancelled");
            return 130;
        }
    }

    private static Option<string> Text(string name, string description, string defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };
}
