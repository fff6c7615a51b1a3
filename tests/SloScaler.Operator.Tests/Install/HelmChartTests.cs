using System.Text.Json.Nodes;

namespace SloScaler.Operator.Tests.Install;

/// <summary><c>helm lint</c> and <c>helm template</c> of charts/sloscaler, for the default values and each optional feature.</summary>
public sealed class HelmChartTests
{
    private const string Release = "rel";
    private const string Ns = "ops";
    private const string FullName = "rel-sloscaler";

    /// <summary>Every optional feature at once, so lint sees every template branch.</summary>
    private static readonly string[] EverythingOn =
    [
        "--set", "watchNamespaces={team-a,team-b}",
        "--set", "serviceMonitor.enabled=true",
        "--set", "grafanaDashboard.enabled=true",
        "--set", "dryRun=true",
        "--set", "prometheus.bearerTokenSecret.name=prom-token",
        "--set", "prometheus.ca.configMap=prom-ca",
        "--set", "prometheus.headers.X-Scope-OrgID=team-a",
        "--set", "rbac.extraScaleTargets[0].apiGroup=example.com",
        "--set", "rbac.extraScaleTargets[0].resources={widgets}",
        "--set", "nodeSelector.pool=system",
        "--set", "tolerations[0].key=dedicated,tolerations[0].operator=Exists",
        "--set", "podAnnotations.team=platform",
        "--set", "maxConcurrentReconciles=16,kubeQps=50,kubeBurst=100,maxConcurrentQueries=4",
    ];

    private readonly Helm _helm = new();

    [HelmFact]
    public async Task Lint_DefaultValues_AndEveryOptionalFeature_Pass()
    {
        (await _helm.RunAsync("lint", "--strict", InstallFiles.Chart)).EnsureOk();
        (await _helm.RunAsync(["lint", "--strict", InstallFiles.Chart, .. EverythingOn])).EnsureOk();
        (await _helm.RunAsync("lint", "--strict", InstallFiles.Chart, "--set", "leaderElection.enabled=false,replicaCount=1,metrics.service.enabled=false,rbac.aggregateToDefaultRoles=false")).EnsureOk();
    }

    [HelmFact]
    public async Task Template_DefaultValues_ClusterWideOperator_AsConfigInstallsIt()
    {
        var manifests = await _helm.TemplateAsync(Release, Ns);

        var deployment = manifests.Single("Deployment", FullName);
        Assert.Equal(2L, deployment["spec"]?["replicas"]?.GetValue<long>());
        var options = DeploymentChecks.AssertHardened(deployment, Ns);
        Assert.True(options.LeaderElect);
        Assert.Equal(Ns, options.LeaderElectionNamespace);
        Assert.Empty(options.Namespaces);
        Assert.False(options.DryRun);
        Assert.Equal("http://prometheus-operated.monitoring.svc:9090", options.PrometheusAddress);
        Assert.Equal(FullName, DeploymentChecks.PodSpec(deployment)["serviceAccountName"]?.ToString());
        Assert.Equal("sloscaler:0.1.0", DeploymentChecks.Container(deployment)["image"]?.ToString());

        // the same rules as config/rbac, cluster-wide, bound to the release's ServiceAccount
        var clusterRole = manifests.Single("ClusterRole", FullName);
        OperatorAccess.AssertExactly(OperatorAccess.Watched, Permission.Of(clusterRole), clusterRole.ToString());
        var binding = manifests.Single("ClusterRoleBinding", FullName);
        AssertBindsServiceAccount(binding, FullName);
        var leaseRole = manifests.Single("Role", FullName + "-leader-election");
        Assert.Equal(Ns, leaseRole.Namespace);
        OperatorAccess.AssertExactly(OperatorAccess.LeaderElection(options.LeaderElectionName), Permission.Of(leaseRole), leaseRole.ToString());
        AssertBindsServiceAccount(manifests.Single("RoleBinding", FullName + "-leader-election"), FullName);
        Assert.Equal(FullName, manifests.Single("ServiceAccount").Name);

        var config = InstallFiles.Load(Path.Combine(InstallFiles.Config, "rbac"));
        Assert.Equal(Permission.Of(config.Single("ClusterRole", "sloscaler-manager")), Permission.Of(clusterRole));

        foreach (var role in manifests.Where(m => m.Kind is "Role" or "ClusterRole"))
            OperatorAccess.AssertNoWildcardOrSecrets(role);
        Assert.Empty(manifests.OfKind("ServiceMonitor"));
        Assert.Empty(manifests.OfKind("ConfigMap"));
        Assert.Empty(manifests.OfKind("CustomResourceDefinition")); // the CRD is in crds/, installed before the templates
        Assert.Equal(1L, manifests.Single("PodDisruptionBudget")["spec"]?["minAvailable"]?.GetValue<long>());
    }

    [HelmFact]
    public async Task Template_IncludeCrds_ShipsTheGeneratedCrd()
    {
        var result = (await _helm.RunAsync("template", Release, InstallFiles.Chart, "--namespace", Ns, "--include-crds")).EnsureOk();
        var crd = Manifest.Parse(result.Stdout, "helm template --include-crds").Single("CustomResourceDefinition");
        var generated = InstallFiles.Load(InstallFiles.ConfigCrd).Single("CustomResourceDefinition");
        Assert.True(JsonNode.DeepEquals(generated.Object, crd.Object), "the chart installs a CRD other than config/crd's");
    }

    [HelmFact]
    public async Task Template_WatchNamespacesList_RolePerNamespace_NoClusterWidePermission()
    {
        var manifests = await _helm.TemplateAsync(Release, Ns, "--set", "watchNamespaces={team-a,team-b,team-a}");

        var options = DeploymentChecks.AssertHardened(manifests.Single("Deployment"), Ns);
        Assert.Equal(["team-a", "team-b"], options.Namespaces);

        foreach (var watched in new[] { "team-a", "team-b" })
        {
            var role = manifests.Single(m => m.Kind == "Role" && m.Namespace == watched);
            OperatorAccess.AssertExactly(OperatorAccess.Watched, Permission.Of(role), role.ToString());
            var binding = manifests.Single(m => m.Kind == "RoleBinding" && m.Namespace == watched);
            Assert.Equal(role.Name, binding["roleRef"]?["name"]?.ToString());
            AssertBindsServiceAccount(binding, FullName);
        }
        Assert.Equal(3, manifests.OfKind("Role").Count); // team-a, team-b, and the Lease's in the release namespace
        // no ClusterRole grants the operator anything: the only ones left are the aggregated ones for people
        Assert.All(manifests.OfKind("ClusterRole"), r => Assert.True(r.IsForPeople(), $"{r} is not an aggregated role for people"));
        Assert.Empty(manifests.OfKind("ClusterRoleBinding"));
    }

    [HelmFact]
    public async Task Template_ServiceMonitorAndDashboard_RenderOnlyWhenEnabled()
    {
        var manifests = await _helm.TemplateAsync(Release, Ns, "--set", "serviceMonitor.enabled=true,grafanaDashboard.enabled=true", "--set", "serviceMonitor.labels.release=kube-prometheus-stack");

        var monitor = manifests.Single("ServiceMonitor");
        Assert.Equal("monitoring.coreos.com/v1", monitor.ApiVersion);
        Assert.Equal("kube-prometheus-stack", monitor.Labels["release"]);
        var service = manifests.Single("Service", FullName + "-metrics");
        foreach (var (key, value) in monitor["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [])
            Assert.Equal(value?.ToString(), service.Labels.GetValueOrDefault(key));
        var endpoint = Assert.Single(monitor["spec"]?["endpoints"] as JsonArray ?? [])!;
        Assert.Equal("metrics", endpoint["port"]?.ToString());
        Assert.Equal("/metrics", endpoint["path"]?.ToString());
        Assert.Contains(service["spec"]?["ports"] as JsonArray ?? [], p => p?["name"]?.ToString() == "metrics");

        var dashboard = manifests.Single("ConfigMap", FullName + "-dashboard");
        Assert.Equal("1", dashboard.Labels["grafana_dashboard"]);
        var json = JsonNode.Parse(dashboard["data"]?["sloscaler.json"]?.ToString() ?? "")!;
        Assert.Equal("SloScaler", json["title"]?.ToString());
        var exprs = (json["panels"] as JsonArray ?? []).SelectMany(p => p?["targets"] as JsonArray ?? []).Select(t => t?["expr"]?.ToString() ?? "").ToList();
        Assert.Contains(exprs, e => e.Contains("sloscaler_desired_replicas", StringComparison.Ordinal));
        Assert.Contains(exprs, e => e.Contains("sloscaler_slo_attainment_ratio", StringComparison.Ordinal));
    }

    [HelmFact]
    public async Task Template_Values_ReachTheOperatorAndThePod()
    {
        var manifests = await _helm.TemplateAsync(Release, Ns, [.. EverythingOn,
            "--set", "image.repository=registry.example/sloscaler,image.tag=1.2.3",
            "--set", "replicaCount=3,log.level=debug,log.format=text",
            "--set", "leaderElection.leaseName=my-lease",
            "--set", "prometheus.address=https://prom.example:9090,prometheus.timeout=3s",
            "--set", "resources.limits.memory=512Mi"]);

        var deployment = manifests.Single("Deployment");
        var options = DeploymentChecks.AssertHardened(deployment, Ns);
        var pod = DeploymentChecks.PodSpec(deployment);
        var container = DeploymentChecks.Container(deployment);
        Assert.Equal(3L, deployment["spec"]?["replicas"]?.GetValue<long>());
        Assert.Equal("registry.example/sloscaler:1.2.3", container["image"]?.ToString());
        Assert.True(options.DryRun);
        Assert.Equal(SloScaler.Operator.Hosting.LogFormat.Text, options.LogFormat);
        Assert.Equal(Serilog.Events.LogEventLevel.Debug, options.LogLevel);
        Assert.Equal("my-lease", options.LeaderElectionName);
        Assert.Equal("https://prom.example:9090", options.PrometheusAddress);
        Assert.Equal(TimeSpan.FromSeconds(3), options.PrometheusTimeout);
        Assert.Equal("team-a", options.PrometheusHeaders["X-Scope-OrgID"]);
        Assert.Equal(16, options.MaxConcurrentReconciles);
        Assert.Equal(4, options.MaxConcurrentQueries);
        Assert.Equal(50, options.KubeQps);
        Assert.Equal(100, options.KubeBurst);
        Assert.Equal("512Mi", container["resources"]?["limits"]?["memory"]?.ToString());
        Assert.Equal("system", pod["nodeSelector"]?["pool"]?.ToString());
        Assert.Equal("dedicated", pod["tolerations"]?[0]?["key"]?.ToString());
        Assert.Equal("platform", deployment["spec"]?["template"]?["metadata"]?["annotations"]?["team"]?.ToString());

        // Prometheus credentials come from mounts the kubelet fills; the ServiceAccount never reads a Secret
        var mounts = (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(m => m["name"]!.ToString(), m => m["mountPath"]!.ToString(), StringComparer.Ordinal);
        var volumes = (pod["volumes"] as JsonArray ?? []).OfType<JsonObject>().ToDictionary(v => v["name"]!.ToString(), v => v, StringComparer.Ordinal);
        Assert.StartsWith(mounts["prometheus-token"] + "/", options.PrometheusBearerTokenFile, StringComparison.Ordinal);
        Assert.Equal("prom-token", volumes["prometheus-token"]["secret"]?["secretName"]?.ToString());
        Assert.StartsWith(mounts["prometheus-ca"] + "/", options.PrometheusCaFile, StringComparison.Ordinal);
        Assert.Equal("prom-ca", volumes["prometheus-ca"]["configMap"]?["name"]?.ToString());

        // a custom resource with a scale subresource, granted in each watched namespace
        var role = manifests.Single(m => m.Kind == "Role" && m.Namespace == "team-a");
        var granted = Permission.Of(role);
        var expected = OperatorAccess.Watched.Concat(
        [
            new Permission("example.com", "widgets/scale", "get"),
            new Permission("example.com", "widgets/scale", "patch"),
            new Permission("example.com", "widgets", "get"),
        ]).ToHashSet();
        OperatorAccess.AssertExactly(expected, granted, role.ToString());
        OperatorAccess.AssertExactly(OperatorAccess.LeaderElection("my-lease"), Permission.Of(manifests.Single("Role", FullName + "-leader-election")), "the Lease Role");
        foreach (var r in manifests.Where(m => m.Kind is "Role" or "ClusterRole"))
            OperatorAccess.AssertNoWildcardOrSecrets(r);
    }

    [HelmFact]
    public async Task Template_LeaderElectionOff_NoLeaseRole_NoLeaderElectFlag()
    {
        var manifests = await _helm.TemplateAsync(Release, Ns, "--set", "leaderElection.enabled=false,replicaCount=1");
        var options = DeploymentChecks.ParseArgs(manifests.Single("Deployment"), Ns);
        Assert.False(options.LeaderElect);
        Assert.DoesNotContain(manifests, m => m.Kind == "Role");
        Assert.Empty(manifests.OfKind("PodDisruptionBudget")); // one replica: a budget would block every drain
    }

    [HelmFact]
    public async Task Template_WrongValues_AreRefusedByTheValuesSchema()
    {
        foreach (var (setting, complaint) in new[]
        {
            ("watchNamespaces=shop", "/watchNamespaces"),          // a string, not a list: would watch nothing it means to
            ("log.format=xml", "/log/format"),
            ("prometheus.address=prometheus:9090", "/prometheus/address"),
            ("rbac.extraScaleTargets[0].apiGroup=example.com", "/rbac/extraScaleTargets/0"), // no resources
        })
        {
            var result = await _helm.RunAsync("template", Release, InstallFiles.Chart, "--namespace", Ns, "--set", setting);
            Assert.False(result.Ok, $"--set {setting} was accepted");
            Assert.Contains(complaint, result.Stderr, StringComparison.Ordinal);
        }
    }

    private static void AssertBindsServiceAccount(Manifest binding, string serviceAccount)
    {
        var subject = Assert.Single(binding["subjects"] as JsonArray ?? [])!;
        Assert.Equal("ServiceAccount", subject["kind"]?.ToString());
        Assert.Equal(serviceAccount, subject["name"]?.ToString());
        Assert.Equal(Ns, subject["namespace"]?.ToString());
    }
}
