using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Serilog.Events;
using SloScaler.Core.Policy;
using SloScaler.Operator.Hosting;

namespace SloScaler.Operator.Cli;

/// <summary>The outcome of checking the flags: options, or every problem, each naming the flag and the value.</summary>
public sealed record RunFlagsResult(RunOptions? Options, IReadOnlyList<string> Errors);

/// <summary>Checks <c>sloscaler run</c>'s flags and turns them into <see cref="RunOptions"/>.</summary>
public static partial class RunFlagsParser
{
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    /// <param name="flags">The flags as given.</param>
    /// <param name="environment">Reads an environment variable or, for the in-cluster namespace, the service account's file (replaceable in tests).</param>
    public static RunFlagsResult Parse(RunFlags flags, IRunEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        environment ??= RunEnvironment.Current;
        var errors = new List<string>();
        void Fail(string flag, string? value, string problem) => errors.Add($"{flag}: {Quote(value)} {problem}");

        if (flags.Kubeconfig is { } kubeconfig && !File.Exists(kubeconfig)) Fail("--kubeconfig", kubeconfig, "does not exist");
        foreach (var ns in flags.Namespaces)
            if (!DnsLabel().IsMatch(ns)) Fail("--namespace", ns, "is not a namespace name (lower-case letters, digits and '-', at most 63)");

        string? leaseNamespace = null;
        if (flags.LeaderElect && !flags.Once)
        {
            leaseNamespace = flags.LeaderElectionNamespace ?? environment.InClusterNamespace();
            if (leaseNamespace is null)
                errors.Add("--leader-election-namespace: is required with --leader-elect outside a cluster (no POD_NAMESPACE, no service account namespace)");
        }
        if (flags.LeaderElectionNamespace is { } lns && !DnsLabel().IsMatch(lns)) Fail("--leader-election-namespace", lns, "is not a namespace name");
        if (!DnsSubdomain().IsMatch(flags.LeaderElectionName) || flags.LeaderElectionName.Length > 253)
            Fail("--leader-election-name", flags.LeaderElectionName, "is not a valid Lease name (lower-case letters, digits, '-' and '.')");

        var probePort = Port("--probe-port", flags.ProbePort, errors);
        var metricsPort = Port("--metrics-port", flags.MetricsPort, errors);
        var probeBind = BindAddress("--probe-bind-address", flags.ProbeBindAddress, errors);
        var metricsBind = BindAddress("--metrics-bind-address", flags.MetricsBindAddress, errors);
        if (!flags.Once && probePort is > 0 && probePort == metricsPort)
            Fail("--metrics-port", flags.MetricsPort, "is also --probe-port; the two servers need different ports");

        LogFormat? format = flags.LogFormat.ToLowerInvariant() switch { "text" => LogFormat.Text, "json" => LogFormat.Json, _ => null };
        if (format is null) Fail("--log-format", flags.LogFormat, "must be text or json");
        var level = Level(flags.LogLevel);
        if (level is null) Fail("--log-level", flags.LogLevel, "must be one of trace, debug, info, warning, error, fatal");

        if (flags.PrometheusAddress is { } address
            && (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            Fail("--prometheus-address", address, "is not an absolute http(s) URL");
        TimeSpan? timeout = Duration.TryParse(flags.PrometheusTimeout, out var t) ? t : null;
        if (timeout is null) Fail("--prometheus-timeout", flags.PrometheusTimeout, "is not a duration (e.g. 500ms, 5s, 1m)");
        else if (timeout <= TimeSpan.Zero || timeout > MaxTimeout) Fail("--prometheus-timeout", flags.PrometheusTimeout, $"must be greater than 0 and at most {Duration.Format(MaxTimeout)}");
        if (flags.PrometheusBearerTokenFile is { } token && !File.Exists(token)) Fail("--prometheus-bearer-token-file", token, "does not exist");
        if (flags.PrometheusCaFile is { } ca && !File.Exists(ca)) Fail("--prometheus-ca-file", ca, "does not exist");
        var headers = Headers(flags.PrometheusHeaders, errors);

        var reconciles = AtLeastOne("--max-concurrent-reconciles", flags.MaxConcurrentReconciles, errors);
        var queries = AtLeastOne("--max-concurrent-queries", flags.MaxConcurrentQueries, errors);
        var qps = double.TryParse(flags.KubeQps, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && double.IsFinite(q) && q >= 0 ? q : (double?)null;
        if (qps is null) Fail("--kube-qps", flags.KubeQps, "must be a number of at least 0 (0 turns the client-side rate limiter off)");
        var burst = AtLeastOne("--kube-burst", flags.KubeBurst, errors);

        if (errors.Count > 0) return new RunFlagsResult(null, errors);
        return new RunFlagsResult(new RunOptions
        {
            Kubeconfig = flags.Kubeconfig,
            Namespaces = [.. flags.Namespaces.Distinct(StringComparer.Ordinal)],
            DryRun = flags.DryRun,
            Once = flags.Once,
            LeaderElect = flags.LeaderElect && !flags.Once,
            LeaderElectionNamespace = leaseNamespace ?? flags.LeaderElectionNamespace,
            LeaderElectionName = flags.LeaderElectionName,
            ProbePort = probePort!.Value,
            ProbeBindAddress = probeBind!,
            MetricsPort = metricsPort!.Value,
            MetricsBindAddress = metricsBind!,
            LogFormat = format!.Value,
            LogLevel = level!.Value,
            PrometheusAddress = flags.PrometheusAddress,
            PrometheusTimeout = timeout!.Value,
            PrometheusBearerTokenFile = flags.PrometheusBearerTokenFile,
            PrometheusCaFile = flags.PrometheusCaFile,
            PrometheusHeaders = headers,
            MaxConcurrentReconciles = reconciles!.Value,
            MaxConcurrentQueries = queries!.Value,
            KubeQps = qps!.Value,
            KubeBurst = burst!.Value,
        }, []);
    }

    private static int? Port(string flag, string text, List<string> errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535) return port;
        errors.Add($"{flag}: {Quote(text)} is not a port number (0-65535; 0 turns the server off)");
        return null;
    }

    private static string? BindAddress(string flag, string text, List<string> errors)
    {
        // IPAddress.TryParse also takes legacy shorthands such as "1.2.3"; ask for four parts.
        if (text == "localhost" || (IPAddress.TryParse(text, out var ip)
            && (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3)))
            return text;
        errors.Add($"{flag}: {Quote(text)} is not an IP address (e.g. 0.0.0.0, 127.0.0.1, ::)");
        return null;
    }

    private static int? AtLeastOne(string flag, string text, List<string> errors)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1) return n;
        errors.Add($"{flag}: {Quote(text)} must be a whole number of at least 1");
        return null;
    }

    private static Dictionary<string, string> Headers(IReadOnlyList<string> pairs, List<string> errors)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? pair[..eq].Trim() : "";
            if (eq <= 0 || name.Length == 0)
                errors.Add($"--prometheus-header: {Quote(pair)} must be NAME=VALUE");
            else if (name.Any(c => c <= ' ' || c == ':' || c > '~'))
                errors.Add($"--prometheus-header: {Quote(name)} is not a valid HTTP header name");
            else if (!headers.TryAdd(name, pair[(eq + 1)..]))
                errors.Add($"--prometheus-header: {Quote(name)} is given twice");
        }
        return headers;
    }

    private static LogEventLevel? Level(string text) => text.ToLowerInvariant() switch
    {
        "trace" or "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "info" or "information" => LogEventLevel.Information,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" or "critical" => LogEventLevel.Fatal,
        _ => null,
    };

    private static string Quote(string? value) => $"\"{value}\"";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
