using System.Globalization;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Benchmarks;

/// <summary>
/// <c>--noisy-bound</c>: how well a controller told the noisy generator's hidden state at the present
/// moment (<see cref="PresentStateController"/>) can do on the built-in <c>noisy</c> scenario, at
/// several quantiles z, next to the same scenario's elastic and hpa; against the quality bar of
/// ≥ 99 % attainment at ≤ 1.25× the oracle's pod-hours. Three variants, by what they are told of the
/// surge (<see cref="SurgeForesight"/>): <c>present-state</c> its offset, target and hold;
/// <c>present-level</c> and <c>present-trend</c> only its offset, which the first holds and the second
/// extrapolates at its latest per-point change — the gap between them and <c>present-state</c> is what
/// knowing a surge's height and length in advance is worth. And <see cref="ModelAwareObserver"/>'s
/// <c>model-aware</c> (elastic's start) and <c>model-aware+start</c> (its own), told the generator's model but
/// not its state, at several prices λ of a missed step.
/// </summary>
internal static class NoisyBound
{
    private static readonly int[] Seeds = [1, 2, 3];
    private static readonly double[] Zs = [2.0, 2.33, 2.6, 3.0];
    private static readonly SurgeForesight[] Foresights = [SurgeForesight.Schedule, SurgeForesight.Held, SurgeForesight.Trend];
    private static readonly double[] Lambdas = [60, 80, 100, 120, 140, 160, 200, 300];

    public static void Print()
    {
        Console.WriteLine("noisy scenario: a controller told the hidden state (level, surge, target, hold) at the present step,");
        Console.WriteLine("not the future noise or surges; sized for exp(mean + z·sd) of each step's load. Bar: ≥ 99 % at ≤ 1.25× oracle.");
        Console.WriteLine("present-level: told level and surge offset only, holds the offset; present-trend: the same, extrapolates the");
        Console.WriteLine("offset at its latest per-point change within [0, ln 2 + 3·0.15]. Same uncertainty model (noise + level drift).");
        Console.WriteLine("model-aware: told the generator's equations and constants but no hidden state; sees the trace points the loads so");
        Console.WriteLine("far reveal (more than a 1 m rate shows) and infers the state with a particle filter; per step it takes the n that");
        Console.WriteLine("minimises n + λ·P(miss), the z column shows λ. It starts as elastic does (step 0's load); model-aware+start sizes");
        Console.WriteLine("its own start. A reference for what seeing the load allows, not a proof of a bound (ModelAwareObserver.cs).");
        Console.WriteLine();
        Console.WriteLine($"{"seed",4} {"strategy",-17} {"z",5} {"attainment",11} {"longest viol.",14} {"pod-h x oracle",15}");
        var rows = new List<(int Seed, string Strategy, double? Z, StrategyResult Result)>();
        var tracking = new List<string>();
        foreach (var seed in Seeds)
        {
            var spec = ScenarioCatalog.Find(BuiltInTraces.NoisyName, seed: seed) ?? throw new InvalidOperationException("no noisy scenario");
            var noisy = BuiltInTraces.NoisyWithState(seed);
            foreach (var foresight in Foresights)
            {
                foreach (var z in Zs)
                {
                    rows.Add((seed, PresentStateController.Label(foresight), z, ScenarioRunner.RunController(spec, new PresentStateController(spec, noisy, z, foresight))));
                }
            }

            var observer = new ModelAwareObserver(spec, noisy, Lambdas);
            tracking.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {observer.TrackingError:0.000}"));
            for (var l = 0; l < Lambdas.Length; l++)
            {
                rows.Add((seed, "model-aware", Lambdas[l], ScenarioRunner.RunController(spec, observer.Controller(l))));
                rows.Add((seed, "model-aware+start", Lambdas[l], ScenarioRunner.RunController(spec, observer.Controller(l, ownStart: true))));
            }

            var all = ScenarioRunner.Run(spec);
            rows.Add((seed, "elastic", null, all["elastic"]));
            rows.Add((seed, "hpa", null, all["hpa"]));
        }

        foreach (var (seed, strategy, z, r) in rows)
        {
            Console.WriteLine(Row(seed.ToString(CultureInfo.InvariantCulture), strategy, z, r.Attainment, r.LongestViolationSeconds, r.PodHoursVsOracle));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"model-aware's filter, RMS error of its level + surge against the hidden state (log units; the points' own noise is {NoisyModel.NoiseSigma}): {string.Join(", ", tracking)}"));
        Console.WriteLine();
        Console.WriteLine("mean over seeds (attainment and cost averaged; longest violation: the worst seed):");
        foreach (var group in rows.GroupBy(r => (r.Strategy, r.Z)))
        {
            var g = group.Select(r => r.Result).ToList();
            Console.WriteLine(Row("all", group.Key.Strategy, group.Key.Z, g.Average(r => r.Attainment), g.Max(r => r.LongestViolationSeconds), g.Average(r => r.PodHoursVsOracle)));
        }
    }

    private static string Row(string seed, string strategy, double? z, double attainment, double longestSeconds, double vsOracle) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{seed,4} {strategy,-17} {(z is { } v ? v.ToString(v >= 10 ? "0" : "0.00", CultureInfo.InvariantCulture) : "-"),5} {attainment * 100,9:0.00} % {longestSeconds,12:0} s {vsOracle,14:0.000}x");
}
