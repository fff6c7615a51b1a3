using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Telemetry;
using k8s;

namespace SloScaler.Operator.Once;

/// <summary>
/// <c>sloscaler run --once</c>: list the policies, reconcile each once (in dry-run with
/// <c>--dry-run</c>), print the table and return the exit code. No leader election, no servers;
/// logs go to stderr so the table alone is on stdout.
/// </summary>
public static class OnceRun
{
    private static readonly TimeSpan PreflightBound = TimeSpan.FromSeconds(30);

    /// <param name="options">What <c>run</c> was told.</param>
    /// <param name="output">Where the table goes (stdout).</param>
    /// <param name="error">Where problems go (stderr).</param>
    /// <param name="plain">Plain aligned columns (output redirected) rather than the terminal table.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="overrides">Runs before the defaults are added: register your own ports and they win.</param>
    public static async Task<int> RunAsync(
        RunOptions options, TextWriter output, TextWriter error, bool plain, CancellationToken cancellationToken, Action<IServiceCollection>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSerilog(OperatorLogging.Create(options.LogFormat, options.LogLevel, toStandardError: true), dispose: true));
        overrides?.Invoke(services);
        services.AddOperator(options with { Once = true, LeaderElect = false });
        await using var provider = services.BuildServiceProvider();
        var controller = provider.GetRequiredService<PolicyController>();
        var source = provider.GetRequiredService<IPolicySource>();
        if (source is Kubernetes.KubernetesPolicySource && source is not IPolicyListing
            && await OncePreflight.CheckAsync(provider.GetRequiredService<IKubernetes>(), options.Namespaces, PreflightBound, cancellationToken) is { } problem)
        {
            error.WriteLine(problem);
            return 1;
        }
        var results = await controller.RunOnceAsync(cancellationToken);
        OnceReport.Write(results, output, plain);
        return OnceReport.ExitCode(results);
    }
}
