using System.Diagnostics;
using System.Globalization;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// A server process the tests start: its output goes to a log file, it is recorded in the
/// <see cref="RunDirectory"/>, and it is stopped by its PID — SIGKILL for <see cref="KillAsync"/>,
/// SIGTERM with a bounded grace for <see cref="StopAsync"/>. Disposing kills it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private bool _closed;
    private int _exitNoted;

    private ChildProcess(Process process, StreamWriter log, string logPath)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <param name="marker">A string of the command line that identifies this server (a unique path or name).</param>
    public static ChildProcess Start(string fileName, IReadOnlyList<string> arguments, string logPath, string marker, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!arguments.Any(a => a.Contains(marker, StringComparison.Ordinal)))
            throw new ArgumentException($"the marker '{marker}' must occur in the arguments", nameof(marker));
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;

        var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log.WriteLine($"# {DateTimeOffset.Now:HH:mm:ss.fff} {fileName} {string.Join(' ', arguments)}");
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, logPath);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            log.Dispose();
            process.Dispose();
            throw;
        }
        RunDirectory.Track(process.Id, marker);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        return child;
    }

    /// <summary>Everything the process wrote so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>SIGKILL by PID, then wait (bounded) until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
        }
        await WaitForExitAsync(ExitBound);
    }

    /// <summary>SIGTERM by PID; if it has not exited within <paramref name="grace"/>, SIGKILL. True when it exited on its own.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return true;
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", Pid.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            if (kill is not null)
                await kill.WaitForExitAsync();
        }
        if (await WaitForExitAsync(grace))
            return true;
        Append($"# still running {grace.TotalSeconds:0.#}s after SIGTERM: SIGKILL");
        await KillAsync();
        return false;
    }

    /// <summary>True when the process exited within <paramref name="bound"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        if (Interlocked.Exchange(ref _exitNoted, 1) == 0)
        {
            Append($"# exited with {_process.ExitCode}");
            try
            {
                RunDirectory.Untrack(Pid);
            }
            catch (IOException)
            {
                // the next run's RunDirectory finds nothing to kill under this PID's marker
            }
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
        {
            if (!_closed)
                _log.WriteLine(line);
        }
    }
}
