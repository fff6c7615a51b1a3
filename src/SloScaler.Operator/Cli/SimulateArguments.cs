using System.CommandLine;
using System.Globalization;

namespace SloScaler.Operator.Cli;

/// <summary>
/// Checks every <c>simulate</c> argument and output path before anything runs, and caps what makes a
/// run grow, so a run is bounded in time and memory and a bad value is one line naming the flag.
/// </summary>
internal static class SimulateArguments
{
    /// <summary>The most replicas a trace may be scaled to at its peak: each replica is simulated.</summary>
    public const int MaxPeakReplicas = 1000;

    /// <summary>The largest relative observation noise.</summary>
    public const double MaxNoise = 1;

    /// <summary>Adds the caps to the options' help, so <c>--help</c> says them.</summary>
    public static Command WithCaps(Command command)
    {
        foreach (var option in command.Options)
        {
            option.Description += option.Name switch
            {
                "--scale-to-peak-replicas" => $" (1 to {MaxPeakReplicas})",
                "--noise" => $" (0 to {MaxNoise.ToString(CultureInfo.InvariantCulture)})",
                "--trace" => $" (at most {Simulation.Traces.TraceCsv.MaxRows.ToString(CultureInfo.InvariantCulture)} rows, a step of 1ms to 1d)",
                "--report" => " (its directory must exist)",
                _ => "",
            };
        }
        return command;
    }

    /// <summary>The first problem with <paramref name="options"/>, naming the flag and its value, or null.</summary>
    public static string? Check(SimulateCommand.SimulateOptions options)
    {
        if (options.PeakReplicas is < 1 or > MaxPeakReplicas)
            return $"--scale-to-peak-replicas: {options.PeakReplicas} must be between 1 and {MaxPeakReplicas}";
        if (!double.IsFinite(options.Noise) || options.Noise < 0 || options.Noise > MaxNoise)
            return $"--noise: {options.Noise.ToString(CultureInfo.InvariantCulture)} must be between 0 and {MaxNoise.ToString(CultureInfo.InvariantCulture)}";
        foreach (var trace in options.Traces)
        {
            if (trace.Name.Length == 0 || trace.ToString().Length == 0) return "--trace: an empty path names no file";
            if (Directory.Exists(trace.FullName)) return $"--trace: \"{trace}\" is a directory, not a CSV file";
            if (!trace.Exists) return $"--trace: \"{trace}\" does not exist";
        }
        if (options.Report is { } report)
        {
            if (report.ToString().Length == 0 || report.Name.Length == 0) return "--report: an empty path names no file";
            if (Directory.Exists(report.FullName)) return $"--report: \"{report}\" is a directory; give a file name such as report.html";
            if (report.Directory is { Exists: false } missing) return $"--report: the directory \"{missing}\" does not exist";
        }
        return null;
    }
}
