using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// <c>kubectl apply -k config/</c> into the real API server: the kustomization renders, every object
/// is accepted, and the ServiceAccount it creates holds exactly what the operator calls.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class KubectlApplyTests(KubeFixture kube, ITestOutputHelper output)
{
    private static readonly TimeSpan NamespaceGoneBound = TimeSpan.FromSeconds(60);

    [KubectlFact]
    public async Task ApplyKustomization_InstallsTheOperator_ItsServiceAccountHoldsExactlyWhatItCalls()
    {
        await using var workload = await kube.CreateNamespaceAsync("kubectl");
        var folder = RunDirectory.NewFolder("kubectl-apply");
        var rendered = (await Kubectl.RunAsync(kube.KubeconfigPath, "kustomize", InstallFiles.Config)).EnsureOk();
        var manifests = Manifest.Parse(rendered.Stdout, "kubectl kustomize config/");

        // The CRD it carries is the generated one; the test run has installed exactly that one already and
        // other tests use it, so it is compared, not applied again. Everything else is applied as rendered.
        var crd = manifests.Single("CustomResourceDefinition");
        Assert.True(JsonNode.DeepEquals(InstallFiles.Load(InstallFiles.ConfigCrd).Single("CustomResourceDefinition").Object, crd.Object),
            "the kustomization's CRD is not config/crd's");
        Assert.DoesNotContain(manifests, m => m.Kind == "ScalingPolicy"); // no sample
        var rest = manifests.Where(m => m.Kind != "CustomResourceDefinition").ToList();
        var file = Path.Combine(folder, "install.json");
        await File.WriteAllTextAsync(file, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray(rest.Select(m => (JsonNode)m.Object.DeepClone()).ToArray()),
        }.ToJsonString());

        await WaitUntilNamespaceGoneAsync(InstallFiles.ConfigNamespace); // from an earlier run on the same cluster
        var applied = (await Kubectl.RunAsync(kube.KubeconfigPath, "apply", "-f", file)).EnsureOk();
        output.WriteLine(applied.Stdout);
        try
        {
            foreach (var m in rest)
            {
                var line = $@"^{Regex.Escape(m.Kind.ToLowerInvariant())}(\.[a-z0-9.]+)?/{Regex.Escape(m.Name)} created$";
                Assert.True(Regex.IsMatch(applied.Stdout, line, RegexOptions.Multiline), $"{m} was not created:{Environment.NewLine}{applied.Stdout}");
            }

            var deployment = await kube.Client.AppsV1.ReadNamespacedDeploymentAsync("sloscaler", InstallFiles.ConfigNamespace);
            Assert.Equal(2, deployment.Spec.Replicas);

            var options = DeploymentChecks.ParseArgs(manifests.Single("Deployment"), InstallFiles.ConfigNamespace);
            var identity = await ServiceAccountIdentity.FromTokenSecretAsync(kube.Client, kube.KubeconfigPath, InstallFiles.ConfigNamespace, InstallFiles.ConfigServiceAccount, folder);
            using var client = identity.CreateClient();
            await InstalledRbac.AssertExactlyAsync(kube.Client, InstallFiles.ConfigNamespace, InstallFiles.ConfigServiceAccount, new Dictionary<string, IReadOnlySet<Permission>>
            {
                [InstalledRbac.ClusterWide] = OperatorAccess.Watched,
                [InstallFiles.ConfigNamespace] = OperatorAccess.LeaderElection(options.LeaderElectionName),
            });
            await AccessCheck.AssertAllAsync(client, identity.UserName,
            [
                .. AccessCheck.AllOf(OperatorAccess.Watched, workload.Name),
                AccessCheck.Can("list", "sloscaler.io", "scalingpolicies", null),
                AccessCheck.Can("watch", "sloscaler.io", "scalingpolicies", null),
                .. AccessCheck.AllOf(OperatorAccess.LeaderElection(options.LeaderElectionName), InstallFiles.ConfigNamespace),
                .. AccessCheck.NeverAllowed(workload.Name, options.LeaderElectionName),
                .. AccessCheck.NeverAllowed(InstallFiles.ConfigNamespace, options.LeaderElectionName),
            ]);
            await ChartRelease.AssertForbiddenAsync("reading its own token Secret",
                () => client.CoreV1.ReadNamespacedSecretAsync(identity.TokenSecret, InstallFiles.ConfigNamespace));
        }
        finally
        {
            var deleted = await Kubectl.RunAsync(kube.KubeconfigPath, "delete", "-f", file, "--ignore-not-found", "--wait=false");
            output.WriteLine(deleted.ToString());
        }
    }

    private async Task WaitUntilNamespaceGoneAsync(string name)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < NamespaceGoneBound)
        {
            try
            {
                await kube.Client.CoreV1.ReadNamespaceAsync(name);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"namespace {name} was still there after {NamespaceGoneBound.TotalSeconds:0}s");
    }
}
