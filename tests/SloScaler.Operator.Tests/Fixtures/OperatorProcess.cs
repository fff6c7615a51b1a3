using System.Diagnostics;
using System.Globalization;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// The real operator, <c>dotnet sloscaler.dll run …</c>, as a separate process watching one test
/// namespace: probes and metrics on 127.0.0.1 and free ports, output in a log file, stopped by
/// its PID (SIGKILL with <see cref="KillAsync"/>, SIGTERM then SIGKILL with <see cref="StopAsync"/>).
/// </summary>
public sealed class OperatorProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly ChildProcess _process;

    private OperatorProcess(string name, ChildProcess process, int probePort, int metricsPort)
    {
        Name = name;
        _process = process;
        ProbePort = probePort;
        MetricsPort = metricsPort;
    }

    /// <summary>The test's name for this instance (also its <c>POD_NAME</c>).</summary>
    public string Name { get; }

    public int Pid => _process.Pid;

    public int ProbePort { get; }

    public int MetricsPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary><c>sloscaler.dll</c> next to the test assembly: the test project references the operator project.</summary>
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "sloscaler.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"sloscaler.dll is not next to the tests in {AppContext.BaseDirectory}", path);
        }
    }

    /// <summary>Starts the operator and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<OperatorProcess> StartAsync(
        string name, string @namespace, string kubeconfig, string prometheusAddress, OperatorOptions options, string logFolder)
    {
        var probePort = LoopbackPort.Free();
        var metricsPort = LoopbackPort.Free();
        List<string> arguments =
        [
            DllPath, "run",
            "--kubeconfig", kubeconfig,
            "--namespace", @namespace,
            "--prometheus-address", prometheusAddress,
            "--probe-bind-address", "127.0.0.1",
            "--probe-port", probePort.ToString(CultureInfo.InvariantCulture),
            "--metrics-bind-address", "127.0.0.1",
            "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture),
        ];
        if (options.DryRun)
            arguments.Add("--dry-run");
        if (options.LeaderElect)
            arguments.AddRange(["--leader-elect", "--leader-election-namespace", @namespace, "--leader-election-name", options.LeaderElectionName]);
        arguments.AddRange(options.ExtraArguments);

        var environment = new Dictionary<string, string>
        {
            ["POD_NAME"] = name,
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        var process = ChildProcess.Start(DotnetHost(), arguments, Path.Combine(logFolder, $"{name}.log"), marker: @namespace, environment);
        var instance = new OperatorProcess(name, process, probePort, metricsPort);
        try
        {
            await instance.WaitForProbeAsync("/readyz", ReadyBound);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
        return instance;
    }

    /// <summary>The HTTP status of a probe (<c>/healthz</c>, <c>/readyz</c>), or null when nothing answers.</summary>
    public async Task<int?> ProbeAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{ProbePort}{path}");
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    public async Task WaitForProbeAsync(string path, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        int? last = null;
        while (clock.Elapsed < bound)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the operator {Name} exited with {_process.ExitCode} before {path} answered 200{Environment.NewLine}{LogTail()}");
            last = await ProbeAsync(path);
            if (last == 200)
                return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"the operator {Name}: {path} did not answer 200 within {bound.TotalSeconds:0}s (last: {last?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}){Environment.NewLine}{LogTail()}");
    }

    /// <summary>The Prometheus text of <c>/metrics</c>.</summary>
    public Task<string> MetricsAsync() => Http.GetStringAsync($"http://127.0.0.1:{MetricsPort}/metrics");

    public string ReadLog() => _process.ReadLog();

    public string LogTail(int maxChars = 6000)
    {
        var log = ReadLog();
        return $"--- {Name} (pid {Pid}) log{(log.Length > maxChars ? " (tail)" : "")} ---{Environment.NewLine}{(log.Length <= maxChars ? log : log[^maxChars..])}";
    }

    /// <summary>SIGKILL: no chance to clean up (release a Lease, finish a write).</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>SIGTERM, then SIGKILL after <see cref="StopGrace"/>; true when it shut down on its own.</summary>
    public Task<bool> StopAsync() => _process.StopAsync(StopGrace);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>The <c>dotnet</c> host running these tests (the SDK sets DOTNET_HOST_PATH for its children).</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
