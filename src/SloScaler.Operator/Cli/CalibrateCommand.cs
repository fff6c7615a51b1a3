using System.CommandLine;
using SloScaler.Load.Calibration;
using SloScaler.Load.Reporting;
using SloScaler.Load.Running;
using SloScaler.Load.Targets;
using SloScaler.Simulation.Queueing;

namespace SloScaler.Operator.Cli;

/// <summary>
/// <c>sloscaler calibrate</c>: an open-loop step test against one replica, printing the
/// p50–p99.9 curve against the rate and the <c>targetPerReplica</c> that keeps the p99 under the
/// objective with a stated margin. With <c>--mmc-workers</c> and <c>--mmc-service-time</c> it
/// prints what Erlang C predicts for such a replica beside it.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var target = new Option<string>("--target") { Description = "One replica's URL, e.g. http://127.0.0.1:8080/", Required = true };
        var objective = new Option<string>("--objective") { Description = "The p99 objective", Required = true };
        var start = new Option<double>("--start-rate") { Description = "First step, requests/s", DefaultValueFactory = _ => 5 };
        var factor = new Option<double>("--factor") { Description = "Each rising step multiplies the rate by this", DefaultValueFactory = _ => 1.25 };
        var maxRate = new Option<double>("--max-rate") { Description = "Never offer more than this, requests/s", DefaultValueFactory = _ => 1_000 };
        var refinements = new Option<int>("--refinements") { Description = "Bisection steps once the objective is crossed", DefaultValueFactory = _ => 3 };
        var warmup = new Option<string>("--warmup") { Description = "Unmeasured start of every step", DefaultValueFactory = _ => "5s" };
        var measure = new Option<string>("--step") { Description = "Measured length of every step", DefaultValueFactory = _ => "20s" };
        var margin = new Option<double>("--margin") { Description = "targetPerReplica = capacity × (1 − margin)", DefaultValueFactory = _ => 0.2 };
        var seed = new Option<int>("--seed") { Description = "Seed of the Poisson arrivals", DefaultValueFactory = _ => 1 };
        var timeout = new Option<string>("--timeout") { Description = "Per-request timeout (counted as an error)", DefaultValueFactory = _ => "10s" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        var allowPod = new Option<bool>("--allow-pod-address") { Description = "Also accept a private pod/bridge address of a pod this run created" };
        var mmcWorkers = new Option<int?>("--mmc-workers") { Description = "Print Erlang C's capacity for a replica with this many workers (needs --mmc-service-time)" };
        var mmcService = new Option<string?>("--mmc-service-time") { Description = "Mean (exponential) service time for the Erlang C comparison" };
        var command = new Command("calibrate", "Step-test one replica open-loop and print the targetPerReplica that keeps its p99 under the objective")
        {
            target, objective, start, factor, maxRate, refinements, warmup, measure, margin, seed, timeout, json, allowPod, mmcWorkers, mmcService,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(target), UriKind.Absolute, out var url))
            {
                return Task.FromResult(LoadCommand.Fail($"--target: \"{parse.GetValue(target)}\" is not an absolute URL"));
            }

            if (TargetGuard.Check(url, parse.GetValue(allowPod)) is { } refused)
            {
                return Task.FromResult(LoadCommand.Fail($"--target: {refused}"));
            }

            if (!LoadCommand.TryDuration("--objective", parse.GetValue(objective), out var slo, out var problem)
                || !LoadCommand.TryDuration("--step", parse.GetValue(measure), out var step, out problem)
                || !LoadCommand.TryDuration("--timeout", parse.GetValue(timeout), out var perRequest, out problem))
            {
                return Task.FromResult(LoadCommand.Fail(problem!));
            }

            var warm = TimeSpan.Zero;
            if (parse.GetValue(warmup) is { } w && w != "0s" && !LoadCommand.TryDuration("--warmup", w, out warm, out problem))
            {
                return Task.FromResult(LoadCommand.Fail(problem!));
            }

            TimeSpan? mmcServiceTime = null;
            if (parse.GetValue(mmcService) is { } s)
            {
                if (!LoadCommand.TryDuration("--mmc-service-time", s, out var mean, out problem))
                {
                    return Task.FromResult(LoadCommand.Fail(problem!));
                }

                mmcServiceTime = mean;
            }

            var options = new CalibrationOptions
            {
                Objective = slo, StartRate = parse.GetValue(start), Factor = parse.GetValue(factor), MaxRate = parse.GetValue(maxRate),
                Refinements = parse.GetValue(refinements), Warmup = warm, Measure = step, Margin = parse.GetValue(margin), Seed = parse.GetValue(seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                return Task.FromResult(LoadCommand.Fail(e.Message));
            }

            return RunAsync(url, options, perRequest, parse.GetValue(json), parse.GetValue(mmcWorkers), mmcServiceTime, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(Uri target, CalibrationOptions options, TimeSpan timeout, bool json, int? mmcWorkers, TimeSpan? mmcServiceTime, CancellationToken cancellationToken)
    {
        using var sender = new HttpRequestSender(target, timeout, 2_000);
        if (!json)
        {
            Console.Out.WriteLine($"calibrate {target}: p99 objective {options.Objective.TotalMilliseconds:0.###} ms, steps of {options.Warmup.TotalSeconds:0.#} s warm-up + {options.Measure.TotalSeconds:0.#} s measured, seed {options.Seed}");
            Console.Out.WriteLine(ReportText.CalibrationHeader);
        }

        var result = await new Calibrator(sender, TimeProvider.System).RunAsync(options, json ? null : step => ReportText.WriteCalibrationStep(step, Console.Out), cancellationToken).ConfigureAwait(false);
        double? erlang = mmcWorkers is { } c && mmcServiceTime is { } mean
            ? ServiceCapacity.CapacityPerReplica(c, mean, options.Objective, Calibrator.Quantile)
            : null;
        if (json)
        {
            Console.Out.WriteLine(ReportText.ToJson(new { result, erlangCCapacity = erlang }));
            return 0;
        }

        ReportText.WriteCalibration(result, options.Objective, Console.Out);
        if (erlang is { } truth)
        {
            Console.Out.WriteLine($"Erlang C (M/M/{mmcWorkers}, mean service {mmcServiceTime!.Value.TotalMilliseconds:0.###} ms): capacity {truth:0.0} requests/s; measured/predicted {(truth > 0 ? result.Capacity / truth : double.NaN):0.000}");
        }

        return 0;
    }
}
