using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using SloScaler.Core.Settings;
using SloScaler.Core.Policy;
using SloScaler.Core.Validation;
using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Reports;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Operator.Cli;

/// <summary><c>sloscaler simulate</c>: elastic vs HPA vs manual vs the oracle, on built-in scenarios and real traces.</summary>
internal static class SimulateCommand
{
    public static Command Create() => SimulateArguments.WithCaps(Build(Run));

    /// <summary>The options as <c>sloscaler simulate</c> would read them from <paramref name="args"/> (for tests).</summary>
    internal static SimulateOptions Parse(params string[] args)
    {
        SimulateOptions? read = null;
        var exit = Build(options =>
        {
            read = options;
            return 0;
        }).Parse(args).Invoke();
        return read ?? throw new ArgumentException($"simulate refused the arguments (exit {exit})", nameof(args));
    }

    private static Command Build(Func<SimulateOptions, int> action)
    {
        var scenarios = new Option<string[]>("--scenario", "-s")
        {
            Description = $"Scenario to run (repeatable): {string.Join(", ", ScenarioCatalog.BuiltInNames)}, or a real trace: {string.Join(", ", ScenarioCatalog.RealTraceNames)}. Default: every built-in scenario",
            AllowMultipleArgumentsPerToken = true,
        };
        var traces = new Option<FileInfo[]>("--trace") { Description = "A CSV trace with header t_seconds,rps (repeatable)", AllowMultipleArgumentsPerToken = true };
        var peak = new Option<int>("--scale-to-peak-replicas") { Description = "Scale each trace so its peak needs this many replicas at the true capacity", DefaultValueFactory = _ => ScenarioCatalog.DefaultPeakReplicas };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var report = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML report with charts to this file" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar" };
        var seed = new Option<int>("--seed") { Description = "Seed for the noisy scenario and observation noise", DefaultValueFactory = _ => 1 };
        var explain = new Option<string?>("--explain") { Description = "Print every scale of this strategy (e.g. elastic) with its reason" };
        var noise = new Option<double>("--noise") { Description = "Relative noise on what controllers observe (e.g. 0.05)", DefaultValueFactory = _ => 0 };
        var defaults = ServiceProfile.Default;
        var startup = new Option<string>("--startup-time") { Description = "How long a new replica takes from being requested to serving (0s to 1h)", DefaultValueFactory = _ => Duration.Format(defaults.StartupTime) };
        var workers = new Option<int>("--workers") { Description = "Requests one replica serves in parallel (1 to 1000)", DefaultValueFactory = _ => defaults.Workers };
        var serviceTime = new Option<string>("--service-time") { Description = "Mean time one request takes to serve (exponentially distributed)", DefaultValueFactory = _ => Duration.Format(defaults.ServiceTime) };
        var objective = new Option<string>("--objective") { Description = "The p99 objective every strategy is judged against (at most 24h)", DefaultValueFactory = _ => Duration.Format(defaults.Objective) };
        var hpaTarget = new Option<string?>("--hpa-target") { Description = "The hpa strategy's target per replica: requests/s (e.g. 35) or a share of the declared target (e.g. 70%). Default: 100%" };
        var check = new Option<bool>("--check") { Description = "Exit 3 when elastic misses a quality bar (for CI); without it simulate exits 0" };
        var policy = new Option<FileInfo?>("--policy") { Description = "Run elastic with this ScalingPolicy's settings (first load parameter's target, objective, behavior, forecast, min/max)" };
        var capacity = new Option<double?>("--capacity-per-replica") { Description = "With --trace: keep the trace's requests/s and simulate a replica that carries this many at the objective (the service time is derived)" };
        var command = new Command("simulate", "Compare elastic, HPA, manual and oracle scaling on built-in or real traces (no cluster needed)")
        {
            scenarios, traces, peak, format, report, quiet, seed, noise, explain, startup, workers, serviceTime, objective, hpaTarget, check, policy, capacity,
        };
        command.SetAction(parse => action(new SimulateOptions(
            parse.GetValue(scenarios) ?? [], parse.GetValue(traces) ?? [], parse.GetValue(peak), parse.GetValue(format) ?? "table",
            parse.GetValue(report), parse.GetValue(quiet), parse.GetValue(seed), parse.GetValue(noise), parse.GetValue(explain),
            new ServiceFlags(parse.GetValue(startup) ?? "", parse.GetValue(workers), parse.GetValue(serviceTime) ?? "", parse.GetValue(objective) ?? ""))
        {
            HpaTarget = parse.GetValue(hpaTarget),
            Check = parse.GetValue(check),
            Policy = parse.GetValue(policy),
            CapacityPerReplica = parse.GetValue(capacity),
        }));
        return command;
    }

    /// <summary>The simulated service's flags as written.</summary>
    internal sealed record ServiceFlags(string StartupTime, int Workers, string ServiceTime, string Objective);

    /// <summary>
    /// The simulated service the flags describe, or the first problem with them, naming the flag and its
    /// value; an objective that even an idle replica misses is a problem too (no capacity to scale).
    /// </summary>
    internal static (ServiceProfile? Service, string? Problem) Service(ServiceFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        if (!Duration.TryParse(flags.StartupTime, out var startup)) return (null, NotADuration("--startup-time", flags.StartupTime));
        if (startup < TimeSpan.Zero || startup > TimeSpan.FromHours(1)) return (null, $"--startup-time: {flags.StartupTime} must be between 0s and 1h");
        if (flags.Workers is < 1 or > 1000) return (null, $"--workers: {flags.Workers} must be between 1 and 1000");
        if (!Duration.TryParse(flags.ServiceTime, out var serviceTime)) return (null, NotADuration("--service-time", flags.ServiceTime));
        if (serviceTime <= TimeSpan.Zero) return (null, $"--service-time: {flags.ServiceTime} must be greater than 0");
        if (!Duration.TryParse(flags.Objective, out var objective)) return (null, NotADuration("--objective", flags.Objective));
        if (objective <= TimeSpan.Zero || objective > TimeSpan.FromHours(24)) return (null, $"--objective: {flags.Objective} must be greater than 0 and at most 24h");
        var service = new ServiceProfile { StartupTime = startup, Workers = flags.Workers, ServiceTime = serviceTime, Objective = objective };
        if (ServiceCapacity.CapacityPerReplica(service.Workers, serviceTime, objective, ScenarioRunner.Quantile) <= 0)
        {
            var idle = new MmcQueue(service.Workers, 0, 1 / serviceTime.TotalSeconds).Quantile(ScenarioRunner.Quantile);
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"--objective: {flags.Objective} is missed even by an idle replica, whose p99 is {idle * 1000:0.#}ms with a {flags.ServiceTime} mean service time"));
        }
        return (service, null);
    }

    private static string NotADuration(string flag, string value) => $"{flag}: \"{value}\" is not a duration (use e.g. 250ms, 15s, 2m)";

    /// <summary>The scenarios <paramref name="options"/> ask for, with the simulated service they describe, or the first problem, naming the flag.</summary>
    internal static (IReadOnlyList<ScenarioSpec>? Specs, string? Problem) Plan(SimulateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (SimulateArguments.Check(options) is { } bad) return (null, bad);
        if (options.PeakReplicas < 1) return (null, $"--scale-to-peak-replicas: {options.PeakReplicas} must be at least 1");
        if (options.Explain is { } explained && !StrategyNames.All.Contains(explained))
            return (null, $"--explain: \"{explained}\" is not one of {string.Join(", ", StrategyNames.All)}");
        var hpaTarget = HpaTarget.Declared;
        if (options.HpaTarget is { } text)
        {
            var (parsed, hpaProblem) = HpaTarget.Parse(text);
            if (parsed is null) return (null, $"--hpa-target: {hpaProblem}");
            hpaTarget = parsed;
        }

        var (service, problem) = Service(options.Service);
        if (service is null) return (null, problem);
        ScalingPolicySpec? policy = null;
        double? policyTarget = null;
        if (options.Policy is { } policyFile)
        {
            var (loaded, policyProblem) = LoadPolicy(policyFile);
            if (loaded is null) return (null, policyProblem);
            policy = loaded.Value.Spec;
            policyTarget = loaded.Value.Settings.LoadParameters[0].TargetPerReplica;
            service = service with { Objective = loaded.Value.Settings.Slo.Objective };
        }

        if (options.CapacityPerReplica is { } carried)
        {
            if (options.Traces.Length == 0) return (null, "--capacity-per-replica: needs --trace (the built-in scenarios are scaled to --scale-to-peak-replicas)");
            if (!(carried > 0) || double.IsInfinity(carried)) return (null, $"--capacity-per-replica: {carried.ToString(CultureInfo.InvariantCulture)} must be a positive number of requests/s");
            service = service with { ServiceTime = ServiceCapacity.ServiceTimeFor(service.Workers, service.Objective, carried, ScenarioRunner.Quantile) };
        }

        var specs = new List<ScenarioSpec>();
        var names = options.Scenarios.Length == 0 && options.Traces.Length == 0 ? ScenarioCatalog.BuiltInNames : options.Scenarios;
        foreach (var name in names)
        {
            var spec = ScenarioCatalog.Find(name, options.PeakReplicas, service, options.Seed, options.Noise);
            if (spec is null) return (null, $"--scenario: \"{name}\" is not one of {string.Join(", ", ScenarioCatalog.BuiltInNames.Concat(ScenarioCatalog.RealTraceNames))}");
            specs.Add(spec);
        }
        foreach (var file in options.Traces)
        {
            try
            {
                var trace = TraceCsv.Load(file.FullName, Path.GetFileNameWithoutExtension(file.Name));
                specs.Add(options.CapacityPerReplica is null
                    ? ScenarioCatalog.FromTrace(trace, options.PeakReplicas, service, options.Seed, options.Noise)
                    : new ScenarioSpec { Name = trace.Name, Load = trace, Service = service, Seed = options.Seed, ObservationNoise = options.Noise });
            }
            catch (Exception e) when (e is TraceFormatException or IOException or UnauthorizedAccessException)
            {
                return (null, $"--trace {file}: {e.Message}");
            }
        }

        var capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, ScenarioRunner.Quantile);
        return (specs.Select(s => s with
        {
            HpaTarget = hpaTarget,
            Policy = policy,
            DeclaredCapacityFactor = policyTarget is { } target ? target / capacity : s.DeclaredCapacityFactor,
        }).ToList(), null);
    }

    /// <summary>The first policy in <paramref name="file"/> with its validated settings, or <c>validate</c>'s messages for it.</summary>
    private static ((ScalingPolicySpec Spec, PolicySettings Settings)? Policy, string? Problem) LoadPolicy(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"--policy {file}: {e.Message}");
        }

        // validate's own checks and lines, so --policy refuses exactly what `sloscaler validate` refuses.
        var problems = new StringWriter();
        if (ValidateCommand.Run([file.FullName], new ValidateOptions(), () => Stream.Null, TextWriter.Null, problems) != 0)
            return (null, problems.ToString().TrimEnd());
        var documents = PolicyDocuments.Load(text);
        var loaded = documents.Count > 0 ? documents[0] : null;
        if (loaded is null) return (null, $"--policy {file}: no ScalingPolicy in the file");
        if (loaded.Validation.Problems.Count > 0 || loaded.Policy?.Spec is null || loaded.Validation.Settings is null)
            return (null, string.Join(Environment.NewLine, loaded.Validation.Problems.Select(p => $"{file}: {p}").DefaultIfEmpty($"{file}: spec: is missing")));
        return ((loaded.Policy.Spec, loaded.Validation.Settings), null);
    }

    private static int Run(SimulateOptions options)
    {
        var (specs, problem) = Plan(options);
        if (specs is null)
        {
            Console.Error.WriteLine(problem);
            return 2;
        }

        var results = SimulationProgress.Run(specs, showProgress: !options.Quiet && !Console.IsOutputRedirected && !Console.IsErrorRedirected);
        if (options.Format == "json") SimulationOutput.WriteJson(results, Console.Out, options.Explain);
        else SimulationOutput.WriteTables(results, AnsiConsole.Console, plain: Console.IsOutputRedirected ? Console.Out : null, options.Explain);
        if (options.Report is { } path)
        {
            using var writer = new StreamWriter(path.FullName);
            HtmlReport.Write(results, writer, SimulationOutput.Verdict);
            if (options.Format != "json") AnsiConsole.MarkupLineInterpolated($"[grey]report written to {path}[/]");
        }
        return ExitCode(results, options.Check);
    }

    /// <summary>0, or with <c>--check</c> 3 when elastic misses the quality bar on any scenario that has one.</summary>
    internal static int ExitCode(IReadOnlyList<ScenarioResult> results, bool check) =>
        check && results.Any(r => QualityBar.Evaluate(r).Met == false) ? 3 : 0;

    internal sealed record SimulateOptions(
        string[] Scenarios, FileInfo[] Traces, int PeakReplicas, string Format, FileInfo? Report, bool Quiet, int Seed, double Noise, string? Explain, ServiceFlags Service)
    {
        public string? HpaTarget { get; init; }

        public bool Check { get; init; }

        public FileInfo? Policy { get; init; }

        public double? CapacityPerReplica { get; init; }
    }
}
