using System.Diagnostics;
using System.Globalization;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// This test process's scratch space, <c>$TMPDIR/sloscaler-e2e/run-&lt;pid&gt;/</c>. Every server a fixture
/// starts is recorded there by PID with a marker from its command line. The first use in a run
/// removes what a crashed earlier run left behind: it kills each recorded process by its PID (only
/// while its command line still carries the marker, so a reused PID is left alone) and deletes the
/// folder. On a normal exit the servers still recorded are killed by PID and the folder removed.
/// </summary>
public static class RunDirectory
{
    private const string RunPrefix = "run-";
    private static readonly Lazy<string> Current = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Current.Value;

    /// <summary>A new empty folder under this run's scratch space.</summary>
    public static string NewFolder(string prefix)
    {
        var folder = System.IO.Path.Combine(Path, $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Records a started server; <paramref name="marker"/> must occur in its command line.</summary>
    public static void Track(int pid, string marker) =>
        File.WriteAllText(PidFile(Path, pid), marker);

    public static void Untrack(int pid) => File.Delete(PidFile(Path, pid));

    private static string PidFile(string folder, int pid) => System.IO.Path.Combine(folder, $"{pid}.pid");

    private static string Create()
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sloscaler-e2e");
        Directory.CreateDirectory(root);
        foreach (var stale in Directory.EnumerateDirectories(root, RunPrefix + "*"))
            ReapIfOrphaned(stale);
        var folder = System.IO.Path.Combine(root, RunPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ReapIfOrphaned(folder);
        return folder;
    }

    private static void ReapIfOrphaned(string folder)
    {
        var name = System.IO.Path.GetFileName(folder);
        if (!int.TryParse(name.AsSpan(RunPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var owner))
            return;
        if (owner != Environment.ProcessId && IsRunning(owner))
            return; // a test run going on right now
        KillRecorded(folder);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the next run tries again
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void KillRecorded(string folder)
    {
        if (!Directory.Exists(folder))
            return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.pid"))
        {
            if (!int.TryParse(System.IO.Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            var marker = File.ReadAllText(file);
            if (marker.Length > 0 && CommandLine(pid)?.Contains(marker, StringComparison.Ordinal) == true)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // already gone
                }
            }
            File.Delete(file);
        }
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The command line of a running process (Linux /proc), or null when unknown.</summary>
    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
