using System.CommandLine;
using SloScaler.Core.Policy;
using SloScaler.Load.Reporting;
using SloScaler.Load.Running;
using SloScaler.Load.Schedule;
using SloScaler.Load.Targets;
using SloScaler.Simulation.Traces;

namespace SloScaler.Operator.Cli;

/// <summary>
/// <c>sloscaler load</c>: replays a <c>t_seconds,rps</c> trace (or a constant rate) open-loop
/// against one URL on loopback (or, with <c>--allow-pod-address</c>, a private pod address),
/// Poisson arrivals, latency from each request's intended send time, bounded in count and time.
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "The URL to GET, e.g. http://127.0.0.1:8080/", Required = true };
        var trace = new Option<FileInfo?>("--trace") { Description = "A CSV trace with header t_seconds,rps; without it, --rate for --duration" };
        var rate = new Option<double>("--rate") { Description = "Constant requests/s when no --trace is given", DefaultValueFactory = _ => 10 };
        var duration = new Option<string>("--duration") { Description = "Length of a constant-rate run", DefaultValueFactory = _ => "30s" };
        var compression = new Option<double>("--compression") { Description = "Trace seconds played per real second (60 plays an hour in a minute); rates stay as written", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--rate-scale") { Description = "Multiplies every rate of the trace", DefaultValueFactory = _ => 1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the Poisson arrivals", DefaultValueFactory = _ => 1 };
        var maxRequests = new Option<int>("--max-requests") { Description = "Stop planning after this many requests", DefaultValueFactory = _ => 100_000 };
        var maxDuration = new Option<string>("--max-duration") { Description = "Stop the replay after this long (real time)", DefaultValueFactory = _ => "10m" };
        var interval = new Option<string>("--interval") { Description = "Reporting interval (by intended send time)", DefaultValueFactory = _ => "10s" };
        var timeout = new Option<string>("--timeout") { Description = "Per-request timeout (counted as an error)", DefaultValueFactory = _ => "10s" };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Requests in flight at most; more are dropped and counted", DefaultValueFactory = _ => 2_000 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var allowPod = new Option<bool>("--allow-pod-address") { Description = "Also accept a private pod/bridge address (10/8, 172.16/12, 192.168/16, fc00::/7) of a pod this run created" };
        var command = new Command("load", "Replay a trace open-loop against a service on 127.0.0.1 and report p50/p90/p99/p99.9 per interval")
        {
            target, trace, rate, duration, compression, scale, seed, maxRequests, maxDuration, interval, timeout, maxInFlight, json, allowPod,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(target), UriKind.Absolute, out var url))
            {
                return Task.FromResult(LoadCommand.Fail($"--target: \"{parse.GetValue(target)}\" is not an absolute URL"));
            }

            if (TargetGuard.Check(url, parse.GetValue(allowPod)) is { } refused)
            {
                return Task.FromResult(Fail($"--target: {refused}"));
            }

            if (!TryDuration("--duration", parse.GetValue(duration), out var constantFor, out var problem)
                || !TryDuration("--max-duration", parse.GetValue(maxDuration), out var bound, out problem)
                || !TryDuration("--interval", parse.GetValue(interval), out var every, out problem)
                || !TryDuration("--timeout", parse.GetValue(timeout), out var perRequest, out problem))
            {
                return Task.FromResult(Fail(problem!));
            }

            Trace replay;
            try
            {
                replay = parse.GetValue(trace) is { } file
                    ? TraceCsv.Load(file.FullName)
                    : new Trace("constant", constantFor, [parse.GetValue(rate)]);
            }
            catch (Exception e) when (e is TraceFormatException or IOException or ArgumentException)
            {
                return Task.FromResult(Fail($"--trace: {e.Message}"));
            }

            return RunAsync(url, replay, new ScheduleOptions
            {
                Compression = parse.GetValue(compression), RateScale = parse.GetValue(scale), Seed = parse.GetValue(seed),
                MaxRequests = parse.GetValue(maxRequests), MaxDuration = bound,
            }, new RunOptions { Interval = every, MaxInFlight = parse.GetValue(maxInFlight) }, perRequest, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Uri target, Trace trace, ScheduleOptions schedule, RunOptions run, TimeSpan timeout, bool json, CancellationToken cancellationToken)
    {
        ArrivalPlan plan;
        try
        {
            plan = ArrivalSchedule.Build(trace, schedule);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return Fail(e.Message);
        }

        if (!json)
        {
            Console.Error.WriteLine($"load: {plan.Count} requests over {plan.Duration.TotalSeconds:0.#} s to {target} (trace {trace.Name}, compression {schedule.Compression}, seed {schedule.Seed})");
        }

        using var sender = new HttpRequestSender(target, timeout, run.MaxInFlight);
        var report = await new OpenLoopRunner(sender, TimeProvider.System, run).RunAsync(plan, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            Console.Out.WriteLine(ReportText.ToJson(report));
        }
        else
        {
            ReportText.WriteLoad(report, Console.Out);
        }

        return report.Cancelled ? 130 : 0;
    }

    internal static bool TryDuration(string flag, string? text, out TimeSpan value, out string? problem)
    {
        if (Duration.TryParse(text, out value) && value > TimeSpan.Zero)
        {
            problem = null;
            return true;
        }

        problem = $"{flag}: \"{text}\" is not a positive duration (e.g. 500ms, 30s, 10m)";
        return false;
    }

    internal static int Fail(string problem)
    {
        Console.Error.WriteLine(problem);
        return 2;
    }
}
