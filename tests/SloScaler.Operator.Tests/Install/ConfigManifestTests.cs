using System.Text.Json.Nodes;

namespace SloScaler.Operator.Tests.Install;

/// <summary>The plain manifests of <c>config/</c> (kubectl apply -k config/), checked offline.</summary>
public sealed class ConfigManifestTests
{
    private static readonly string[] InstallFolders = ["crd", "rbac", "manager"];

    private static IReadOnlyList<Manifest> Rbac => InstallFiles.Load(Path.Combine(InstallFiles.Config, "rbac"));

    private static IReadOnlyList<Manifest> Manager => InstallFiles.Load(Path.Combine(InstallFiles.Config, "manager"));

    [Fact]
    public void Kustomization_ListsEveryInstallManifest_AndNoSample()
    {
        var kustomization = Manifest.Parse(File.ReadAllText(Path.Combine(InstallFiles.Config, "kustomization.yaml")), "config/kustomization.yaml").Single();
        var listed = (kustomization["resources"] as JsonArray ?? []).Select(r => r!.ToString()).ToList();
        var onDisk = InstallFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(InstallFiles.Config, folder), "*.yaml"))
            .Select(f => Path.GetRelativePath(InstallFiles.Config, f).Replace('\\', '/'))
            .ToList();

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        // the samples are policies for workloads that do not exist in the user's cluster
        Assert.DoesNotContain(listed, r => r.StartsWith("samples", StringComparison.Ordinal));
        Assert.Contains("crd/sloscaler.io_scalingpolicies.yaml", listed);
    }

    [Fact]
    public void Manifests_ParseAsKubernetesObjects_InTheOperatorsNamespace()
    {
        var all = Rbac.Concat(Manager).ToList();
        Assert.NotEmpty(all);
        foreach (var m in all)
        {
            Assert.False(string.IsNullOrEmpty(m.ApiVersion), $"{m}: no apiVersion");
            Assert.False(string.IsNullOrEmpty(m.Kind), $"{m}: no kind");
            Assert.False(string.IsNullOrEmpty(m.Name), $"{m}: no name");
            if (m.Kind is "ServiceAccount" or "Role" or "RoleBinding" or "Deployment" or "Service")
                Assert.True(m.Namespace == InstallFiles.ConfigNamespace, $"{m}: namespace {m.Namespace}, expected {InstallFiles.ConfigNamespace}");
        }
        Assert.Equal(InstallFiles.ConfigNamespace, Manager.Single("Namespace").Name);
    }

    [Fact]
    public void Deployment_RunsTwoLeaderElectedReplicas_Hardened()
    {
        var deployment = Manager.Single("Deployment");
        Assert.Equal(2L, deployment["spec"]?["replicas"]?.GetValue<long>());

        var options = DeploymentChecks.AssertHardened(deployment, InstallFiles.ConfigNamespace);

        Assert.True(options.LeaderElect, "the Deployment runs 2 replicas without --leader-elect");
        Assert.Equal(InstallFiles.ConfigNamespace, options.LeaderElectionNamespace);
        Assert.Empty(options.Namespaces); // cluster-wide, as the ClusterRole grants
        Assert.False(options.DryRun);
        Assert.Equal(InstallFiles.ConfigServiceAccount, DeploymentChecks.PodSpec(deployment)["serviceAccountName"]?.ToString());
    }

    [Fact]
    public void ClusterRole_GrantsExactlyWhatTheOperatorCalls()
    {
        var role = Rbac.Single("ClusterRole", "sloscaler-manager");
        OperatorAccess.AssertExactly(OperatorAccess.Watched, Permission.Of(role), role.ToString());
    }

    [Fact]
    public void LeaderElectionRole_GrantsOnlyTheDeploymentsLease()
    {
        var options = DeploymentChecks.ParseArgs(Manager.Single("Deployment"), InstallFiles.ConfigNamespace);
        var role = Rbac.Single("Role");
        Assert.Equal(InstallFiles.ConfigNamespace, role.Namespace);
        OperatorAccess.AssertExactly(OperatorAccess.LeaderElection(options.LeaderElectionName), Permission.Of(role), role.ToString());
    }

    [Fact]
    public void Rbac_HasNoWildcardVerbsResourcesOrGroups_AndNoSecrets()
    {
        var roles = Rbac.Where(m => m.Kind is "Role" or "ClusterRole").ToList();
        Assert.Equal(4, roles.Count); // the operator's two, and the editor and viewer roles for people
        foreach (var role in roles)
            OperatorAccess.AssertNoWildcardOrSecrets(role);
    }

    [Fact]
    public void Bindings_GiveTheRolesToTheOperatorsServiceAccount_Only()
    {
        var bindings = Rbac.Where(m => m.Kind is "RoleBinding" or "ClusterRoleBinding").ToList();
        Assert.Equal(2, bindings.Count);
        var roles = Rbac.Where(m => m.Kind is "Role" or "ClusterRole").ToList();
        foreach (var binding in bindings)
        {
            var subject = Assert.Single(binding["subjects"] as JsonArray ?? [])!;
            Assert.Equal("ServiceAccount", subject["kind"]?.ToString());
            Assert.Equal(InstallFiles.ConfigServiceAccount, subject["name"]?.ToString());
            Assert.Equal(InstallFiles.ConfigNamespace, subject["namespace"]?.ToString());
            var kind = binding["roleRef"]?["kind"]?.ToString();
            var name = binding["roleRef"]?["name"]?.ToString();
            Assert.True(roles.Any(r => r.Kind == kind && r.Name == name && !r.IsForPeople()), $"{binding}: refers to {kind} {name}, which is not one of the operator's roles");
        }
        Assert.Equal(InstallFiles.ConfigServiceAccount, Rbac.Single("ServiceAccount").Name);
    }

    [Fact]
    public void MetricsService_SelectsTheOperatorPods_OnTheMetricsPort()
    {
        var service = Manager.Single("Service");
        var deployment = Manager.Single("Deployment");
        var podLabels = deployment["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [];
        foreach (var (key, value) in service["spec"]?["selector"] as JsonObject ?? [])
            Assert.Equal(value?.ToString(), podLabels[key]?.ToString());
        var port = Assert.Single(service["spec"]?["ports"] as JsonArray ?? [])!;
        Assert.Equal("metrics", port["targetPort"]?.ToString());
    }
}
