using System.Diagnostics;

namespace SloScaler.Operator.Tests.Cli;

public sealed class RunCommandTests
{
    /// <summary>
    /// With no --kubeconfig, no KUBECONFIG, no ~/.kube/config and no pod, <c>run --once</c> says so and
    /// exits 2; it never falls back to http://localhost:8080, an address nobody gave it.
    /// </summary>
    [Fact]
    public async Task RunOnce_NoKubeconfigAnywhere_SaysSoAndExits2()
    {
        var home = Directory.CreateTempSubdirectory("sloscaler-home-");
        try
        {
            var start = new ProcessStartInfo(DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "sloscaler.dll"), "run", "--once"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["HOME"] = home.FullName;
            start.Environment.Remove("KUBECONFIG");
            start.Environment.Remove("KUBERNETES_SERVICE_HOST");
            start.Environment.Remove("KUBERNETES_SERVICE_PORT");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using (var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                try
                {
                    await process.WaitForExitAsync(bound.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail("run --once did not exit within 120 s");
                }
            }

            Assert.Equal(2, process.ExitCode);
            Assert.Equal("", await output);
            var line = Assert.Single((await error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"sloscaler run: no kubeconfig or in-cluster configuration found (no --kubeconfig, no KUBECONFIG, no {Path.Combine(home.FullName, ".kube", "config")}, not in a pod)", line);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string DotnetHost()
    {
        var self = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
