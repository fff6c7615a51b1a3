using System.Diagnostics;
using System.Text;

namespace SloScaler.Operator.Tests.Install;

/// <summary>What one run of an outside tool printed and returned.</summary>
internal sealed record ToolResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    public override string ToString() =>
        $"`{Command}` exited {ExitCode}{Environment.NewLine}--- stdout ---{Environment.NewLine}{Tail(Stdout)}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Tail(Stderr)}";

    /// <summary>Fails the test with the tool's output unless it exited 0.</summary>
    public ToolResult EnsureOk()
    {
        Assert.True(Ok, ToString());
        return this;
    }

    private static string Tail(string text, int max = 6000) => text.Length <= max ? text : "…" + text[^max..];
}

/// <summary>Runs helm, kubectl or a script as a child process: bounded in time, killed (by its own process handle) when over.</summary>
internal static class Tool
{
    public static async Task<ToolResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? InstallFiles.Root,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;

        var command = $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)}";
        using var process = new Process { StartInfo = info };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"`{command}` did not finish within {timeout.TotalSeconds:0}s{Environment.NewLine}{stdout}{stderr}");
        }
        process.WaitForExit(); // drains the output events
        lock (stdout)
            lock (stderr)
                return new ToolResult(command, process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>An executable on PATH, or null.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
