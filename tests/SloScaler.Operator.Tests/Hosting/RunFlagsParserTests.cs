using Serilog.Events;
using SloScaler.Operator.Cli;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Tests.Hosting.Support;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class RunFlagsParserTests
{
    private static readonly FakeEnvironment OutsideCluster = new();

    [Fact]
    public void Parse_Defaults_GiveTheDocumentedOptions()
    {
        var result = RunFlagsParser.Parse(new RunFlags(), OutsideCluster);

        Assert.Empty(result.Errors);
        var o = result.Options!;
        Assert.Equal((8081, "0.0.0.0", 8080, "0.0.0.0"), (o.ProbePort, o.ProbeBindAddress, o.MetricsPort, o.MetricsBindAddress));
        Assert.Equal((8, 8, 20.0, 40), (o.MaxConcurrentReconciles, o.MaxConcurrentQueries, o.KubeQps, o.KubeBurst));
        Assert.Equal((LogFormat.Text, LogEventLevel.Information), (o.LogFormat, o.LogLevel));
        Assert.Equal(TimeSpan.FromSeconds(5), o.PrometheusTimeout);
        Assert.Equal("sloscaler-leader", o.LeaderElectionName);
        Assert.Empty(o.Namespaces);
        Assert.False(o.LeaderElect);
    }

    [Theory]
    [InlineData("--probe-port", "abc", "--probe-port: \"abc\" is not a port number (0-65535; 0 turns the server off)")]
    [InlineData("--probe-port", "70000", "--probe-port: \"70000\" is not a port number (0-65535; 0 turns the server off)")]
    [InlineData("--metrics-port", "-1", "--metrics-port: \"-1\" is not a port number (0-65535; 0 turns the server off)")]
    [InlineData("--probe-bind-address", "example", "--probe-bind-address: \"example\" is not an IP address (e.g. 0.0.0.0, 127.0.0.1, ::)")]
    [InlineData("--metrics-bind-address", "1.2.3", "--metrics-bind-address: \"1.2.3\" is not an IP address (e.g. 0.0.0.0, 127.0.0.1, ::)")]
    [InlineData("--log-format", "xml", "--log-format: \"xml\" must be text or json")]
    [InlineData("--log-level", "loud", "--log-level: \"loud\" must be one of trace, debug, info, warning, error, fatal")]
    [InlineData("--prometheus-address", "prometheus:9090", "--prometheus-address: \"prometheus:9090\" is not an absolute http(s) URL")]
    [InlineData("--prometheus-timeout", "soon", "--prometheus-timeout: \"soon\" is not a duration (e.g. 500ms, 5s, 1m)")]
    [InlineData("--prometheus-timeout", "0s", "--prometheus-timeout: \"0s\" must be greater than 0 and at most 5m")]
    [InlineData("--prometheus-bearer-token-file", "/no/such/token", "--prometheus-bearer-token-file: \"/no/such/token\" does not exist")]
    [InlineData("--prometheus-ca-file", "/no/such/ca.pem", "--prometheus-ca-file: \"/no/such/ca.pem\" does not exist")]
    [InlineData("--prometheus-header", "X-Scope-OrgID", "--prometheus-header: \"X-Scope-OrgID\" must be NAME=VALUE")]
    [InlineData("--prometheus-header", "Bad Name=1", "--prometheus-header: \"Bad Name\" is not a valid HTTP header name")]
    [InlineData("--max-concurrent-reconciles", "0", "--max-concurrent-reconciles: \"0\" must be a whole number of at least 1")]
    [InlineData("--max-concurrent-queries", "many", "--max-concurrent-queries: \"many\" must be a whole number of at least 1")]
    [InlineData("--kube-qps", "-1", "--kube-qps: \"-1\" must be a number of at least 0 (0 turns the client-side rate limiter off)")]
    [InlineData("--kube-burst", "0", "--kube-burst: \"0\" must be a whole number of at least 1")]
    [InlineData("--namespace", "Shop_1", "--namespace: \"Shop_1\" is not a namespace name (lower-case letters, digits and '-', at most 63)")]
    [InlineData("--kubeconfig", "/no/such/kubeconfig", "--kubeconfig: \"/no/such/kubeconfig\" does not exist")]
    [InlineData("--leader-election-name", "Leader!", "--leader-election-name: \"Leader!\" is not a valid Lease name (lower-case letters, digits, '-' and '.')")]
    public void Parse_BadFlag_NamesTheFlagAndTheValue(string flag, string value, string expected)
    {
        var result = RunFlagsParser.Parse(With(flag, value), OutsideCluster);

        Assert.Null(result.Options);
        Assert.Equal(expected, Assert.Single(result.Errors));
    }

    [Fact]
    public void Parse_SeveralBadFlags_ReportsEveryOne()
    {
        var flags = new RunFlags { ProbePort = "x", LogFormat = "xml", KubeBurst = "0" };

        Assert.Equal(3, RunFlagsParser.Parse(flags, OutsideCluster).Errors.Count);
    }

    [Fact]
    public void Parse_SamePortForProbesAndMetrics_IsRefused()
    {
        var result = RunFlagsParser.Parse(new RunFlags { ProbePort = "9000", MetricsPort = "9000" }, OutsideCluster);

        Assert.Equal("--metrics-port: \"9000\" is also --probe-port; the two servers need different ports", Assert.Single(result.Errors));
    }

    [Fact]
    public void Parse_LeaderElectOutsideClusterWithoutNamespace_SaysTheNamespaceIsRequired()
    {
        var result = RunFlagsParser.Parse(new RunFlags { LeaderElect = true }, OutsideCluster);

        Assert.StartsWith("--leader-election-namespace: is required with --leader-elect outside a cluster", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LeaderElectInCluster_TakesThePodsNamespace()
    {
        var result = RunFlagsParser.Parse(new RunFlags { LeaderElect = true }, new FakeEnvironment("sloscaler-system"));

        Assert.True(result.Options!.LeaderElect);
        Assert.Equal("sloscaler-system", result.Options.LeaderElectionNamespace);
    }

    [Fact]
    public void Parse_Once_TurnsLeaderElectionOff()
    {
        var result = RunFlagsParser.Parse(new RunFlags { Once = true, LeaderElect = true }, OutsideCluster);

        Assert.False(result.Options!.LeaderElect);
    }

    [Fact]
    public void Parse_GoodValues_AreCarriedOver()
    {
        var flags = new RunFlags
        {
            Namespaces = ["shop", "api", "shop"],
            PrometheusHeaders = ["X-Scope-OrgID=team-a", "X-Extra=a=b"],
            PrometheusTimeout = "1500ms",
            LogFormat = "JSON",
            LogLevel = "debug",
            KubeQps = "0",
            ProbeBindAddress = "::",
        };

        var o = RunFlagsParser.Parse(flags, OutsideCluster).Options!;

        Assert.Equal(["shop", "api"], o.Namespaces);
        Assert.Equal("team-a", o.PrometheusHeaders["x-scope-orgid"]);
        Assert.Equal("a=b", o.PrometheusHeaders["X-Extra"]);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), o.PrometheusTimeout);
        Assert.Equal((LogFormat.Json, LogEventLevel.Debug, 0.0), (o.LogFormat, o.LogLevel, o.KubeQps));
    }

    private static RunFlags With(string flag, string value) => flag switch
    {
        "--probe-port" => new RunFlags { ProbePort = value },
        "--metrics-port" => new RunFlags { MetricsPort = value },
        "--probe-bind-address" => new RunFlags { ProbeBindAddress = value },
        "--metrics-bind-address" => new RunFlags { MetricsBindAddress = value },
        "--log-format" => new RunFlags { LogFormat = value },
        "--log-level" => new RunFlags { LogLevel = value },
        "--prometheus-address" => new RunFlags { PrometheusAddress = value },
        "--prometheus-timeout" => new RunFlags { PrometheusTimeout = value },
        "--prometheus-bearer-token-file" => new RunFlags { PrometheusBearerTokenFile = value },
        "--prometheus-ca-file" => new RunFlags { PrometheusCaFile = value },
        "--prometheus-header" => new RunFlags { PrometheusHeaders = [value] },
        "--max-concurrent-reconciles" => new RunFlags { MaxConcurrentReconciles = value },
        "--max-concurrent-queries" => new RunFlags { MaxConcurrentQueries = value },
        "--kube-qps" => new RunFlags { KubeQps = value },
        "--kube-burst" => new RunFlags { KubeBurst = value },
        "--namespace" => new RunFlags { Namespaces = [value] },
        "--kubeconfig" => new RunFlags { Kubeconfig = value },
        "--leader-election-name" => new RunFlags { LeaderElectionName = value },
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, null),
    };
}
