using System.CommandLine;
using System.Text.Json.Nodes;
using SloScaler.Operator.Cli;
using SloScaler.Operator.Hosting;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// What every shipped operator Deployment (config/manager and the chart's, whatever the values)
/// must be: hardened, probed on the probe port, and started with flags the real
/// <c>sloscaler run</c> accepts.
/// </summary>
internal static class DeploymentChecks
{
    public const string ContainerName = "operator";

    public static JsonObject Container(Manifest deployment) =>
        (deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray)?.OfType<JsonObject>().SingleOrDefault(c => c["name"]?.ToString() == ContainerName)
        ?? throw new Xunit.Sdk.XunitException($"{deployment}: no container named {ContainerName}");

    public static JsonObject PodSpec(Manifest deployment) =>
        deployment["spec"]?["template"]?["spec"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"{deployment}: no pod template");

    public static IReadOnlyList<string> Args(Manifest deployment) =>
        (Container(deployment)["args"] as JsonArray ?? []).Select(a => a?.ToString() ?? "").ToList();

    /// <summary>
    /// Parses the container's arguments with the real <c>sloscaler run</c> command line and flag
    /// checks, as the pod would (<c>$(POD_NAMESPACE)</c> expanded by the kubelet to
    /// <paramref name="podNamespace"/>); files that only exist in the pod are not checked.
    /// </summary>
    public static RunOptions ParseArgs(Manifest deployment, string podNamespace)
    {
        var args = Args(deployment).Select(a => a.Replace("$(POD_NAMESPACE)", podNamespace, StringComparison.Ordinal)).ToList();
        Assert.True(args.Count > 0 && args[0] == "run", $"{deployment}: the arguments must start with the run command: {string.Join(' ', args)}");
        var command = RunCommand.Create();
        var parse = command.Parse(args.Skip(1).ToArray());
        Assert.True(parse.Errors.Count == 0, $"{deployment}: `sloscaler {string.Join(' ', args)}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");

        string? Value(string name) => parse.GetValue<string?>(name);
        var flags = new RunFlags
        {
            Namespaces = parse.GetValue<string[]>("--namespace") ?? [],
            DryRun = parse.GetValue<bool>("--dry-run"),
            Once = parse.GetValue<bool>("--once"),
            LeaderElect = parse.GetValue<bool>("--leader-elect"),
            LeaderElectionNamespace = Value("--leader-election-namespace"),
            LeaderElectionName = Value("--leader-election-name")!,
            ProbePort = Value("--probe-port")!,
            ProbeBindAddress = Value("--probe-bind-address")!,
            MetricsPort = Value("--metrics-port")!,
            MetricsBindAddress = Value("--metrics-bind-address")!,
            LogFormat = Value("--log-format")!,
            LogLevel = Value("--log-level")!,
            PrometheusAddress = Value("--prometheus-address"),
            PrometheusTimeout = Value("--prometheus-timeout")!,
            PrometheusHeaders = parse.GetValue<string[]>("--prometheus-header") ?? [],
            MaxConcurrentReconciles = Value("--max-concurrent-reconciles")!,
            MaxConcurrentQueries = Value("--max-concurrent-queries")!,
            KubeQps = Value("--kube-qps")!,
            KubeBurst = Value("--kube-burst")!,
        };
        var result = RunFlagsParser.Parse(flags, new PodEnvironment(podNamespace));
        Assert.True(result.Options is not null, $"{deployment}: `sloscaler {string.Join(' ', args)}`: {string.Join("; ", result.Errors)}");
        var options = result.Options!;
        // the flags naming files in the pod (Secret and ConfigMap mounts) are checked against the mounts instead
        return options with
        {
            PrometheusBearerTokenFile = Value("--prometheus-bearer-token-file"),
            PrometheusCaFile = Value("--prometheus-ca-file"),
        };
    }

    /// <summary>The common shape: probes on the probe port, metrics port, resources, non-root, read-only, no capabilities, RuntimeDefault seccomp.</summary>
    public static RunOptions AssertHardened(Manifest deployment, string podNamespace)
    {
        var options = ParseArgs(deployment, podNamespace);
        var pod = PodSpec(deployment);
        var container = Container(deployment);

        Assert.False(string.IsNullOrEmpty(pod["serviceAccountName"]?.ToString()), $"{deployment}: no serviceAccountName");
        foreach (var hostFlag in new[] { "hostNetwork", "hostPID", "hostIPC" })
            Assert.NotEqual("true", pod[hostFlag]?.ToString());

        // probes: liveness /healthz and readiness /readyz, both on the port the operator serves them on
        var ports = (container["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(p => p["name"]?.ToString() ?? "", p => p["containerPort"]?.GetValue<long>() ?? 0, StringComparer.Ordinal);
        Assert.True(options.ProbePort > 0, $"{deployment}: the probe server is off");
        Assert.True(options.MetricsPort > 0, $"{deployment}: the metrics server is off");
        Assert.Equal("0.0.0.0", options.ProbeBindAddress);   // the kubelet probes the pod IP
        Assert.Equal(options.MetricsPort, ports.GetValueOrDefault("metrics"));
        foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
        {
            var get = container[probe]?["httpGet"] ?? throw new Xunit.Sdk.XunitException($"{deployment}: no {probe}.httpGet");
            Assert.Equal(path, get["path"]?.ToString());
            var port = get["port"]!;
            var number = port.GetValueKind() == System.Text.Json.JsonValueKind.Number ? port.GetValue<long>() : ports.GetValueOrDefault(port.ToString());
            Assert.True(number == options.ProbePort, $"{deployment}: {probe} on port {port} ({number}), the operator serves probes on {options.ProbePort}");
        }

        // resources: requests and limits for cpu and memory
        foreach (var kind in new[] { "requests", "limits" })
            foreach (var resource in new[] { "cpu", "memory" })
                Assert.False(string.IsNullOrEmpty(container["resources"]?[kind]?[resource]?.ToString()), $"{deployment}: no resources.{kind}.{resource}");

        // security: non-root (numeric), read-only root, no privilege escalation, no capabilities, RuntimeDefault seccomp
        var security = container["securityContext"] as JsonObject ?? throw new Xunit.Sdk.XunitException($"{deployment}: no container securityContext");
        var podSecurity = pod["securityContext"] as JsonObject ?? [];
        Assert.True(security["runAsNonRoot"]?.GetValue<bool>() == true || podSecurity["runAsNonRoot"]?.GetValue<bool>() == true, $"{deployment}: runAsNonRoot is not set");
        var user = security["runAsUser"] ?? podSecurity["runAsUser"];
        Assert.True(user is not null && user.GetValue<long>() > 0, $"{deployment}: runAsUser must be a non-zero UID, is {user}");
        Assert.True(security["readOnlyRootFilesystem"]?.GetValue<bool>() == true, $"{deployment}: readOnlyRootFilesystem is not true");
        Assert.True(security["allowPrivilegeEscalation"]?.GetValue<bool>() == false, $"{deployment}: allowPrivilegeEscalation is not false");
        Assert.NotEqual(true, security["privileged"]?.GetValue<bool>());
        var drop = (security["capabilities"]?["drop"] as JsonArray ?? []).Select(c => c?.ToString()).ToList();
        Assert.True(drop.Contains("ALL"), $"{deployment}: capabilities.drop does not hold ALL: [{string.Join(", ", drop)}]");
        Assert.Empty(security["capabilities"]?["add"] as JsonArray ?? []);
        var seccomp = security["seccompProfile"]?["type"]?.ToString() ?? podSecurity["seccompProfile"]?["type"]?.ToString();
        Assert.Equal("RuntimeDefault", seccomp);

        // with a read-only root, whatever must be written goes to a mounted emptyDir
        var mounts = (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>().Select(m => m["mountPath"]?.ToString()).ToList();
        Assert.Contains("/tmp", mounts);

        // the image is pinned to a version
        var image = container["image"]?.ToString() ?? "";
        Assert.Matches(@":[0-9A-Za-z._-]+$", image);
        Assert.DoesNotContain(":latest", image, StringComparison.Ordinal);

        // the pod's identity for the Lease and Events
        var env = (container["env"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(e => e["name"]?.ToString() ?? "", e => e, StringComparer.Ordinal);
        Assert.Equal("metadata.name", env.GetValueOrDefault("POD_NAME")?["valueFrom"]?["fieldRef"]?["fieldPath"]?.ToString());
        Assert.Equal("metadata.namespace", env.GetValueOrDefault("POD_NAMESPACE")?["valueFrom"]?["fieldRef"]?["fieldPath"]?.ToString());
        return options;
    }

    private sealed class PodEnvironment(string @namespace) : IRunEnvironment
    {
        public string? InClusterNamespace() => @namespace;

        public string InstanceName() => "sloscaler-0";
    }
}
