using SloScaler.Operator.Tests.Fixtures;

namespace SloScaler.Operator.Tests.Install;

/// <summary>
/// The helm binary the test command installs (<c>hack/helm-install.sh</c> → <c>SLOSCALER_HELM</c>),
/// run with its own cache, config and data folders (nothing of the user's), optionally against a cluster.
/// </summary>
internal sealed class Helm
{
    public const string Variable = "SLOSCALER_HELM";
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<string> Home = new(() => RunDirectory.NewFolder("helm-home"));
    private readonly string? _kubeconfig;

    public Helm(string? kubeconfig = null) => _kubeconfig = kubeconfig;

    public static string? Binary =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? path : null;

    /// <summary>Why the helm tests cannot run here, or null.</summary>
    public static string? MissingReason =>
        Binary is null
            ? $"no helm: {Variable} is not set (hack/test.sh installs it; by hand: export {Variable}=$(bash hack/helm-install.sh | tail -n1))"
            : null;

    public Task<ToolResult> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["HELM_CACHE_HOME"] = Path.Combine(Home.Value, "cache"),
            ["HELM_CONFIG_HOME"] = Path.Combine(Home.Value, "config"),
            ["HELM_DATA_HOME"] = Path.Combine(Home.Value, "data"),
            ["KUBECONFIG"] = _kubeconfig ?? Path.Combine(Home.Value, "no-cluster.kubeconfig"),
        };
        return Tool.RunAsync(Binary ?? throw new InvalidOperationException(MissingReason), arguments, Timeout, environment);
    }

    /// <summary><c>helm template</c> of the repository's chart, parsed.</summary>
    public async Task<IReadOnlyList<Manifest>> TemplateAsync(string release, string @namespace, params string[] settings)
    {
        var result = (await RunAsync(["template", release, InstallFiles.Chart, "--namespace", @namespace, .. settings])).EnsureOk();
        return Manifest.Parse(result.Stdout, "helm template");
    }
}

/// <summary>A fact that needs helm; skipped, with the reason, when <c>SLOSCALER_HELM</c> is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HelmFactAttribute : FactAttribute
{
    public HelmFactAttribute()
    {
        Skip = Helm.MissingReason;
    }
}

/// <summary>A fact that installs the chart into the real API server and runs the operator against the real Prometheus.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HelmInstallFactAttribute : FactAttribute
{
    public HelmInstallFactAttribute()
    {
        Skip = TestServers.KubernetesMissing ?? TestServers.PrometheusMissing ?? Helm.MissingReason;
    }
}
