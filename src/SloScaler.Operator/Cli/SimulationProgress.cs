using Spectre.Console;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;

namespace SloScaler.Operator.Cli;

/// <summary>Runs scenarios, with a Spectre.Console progress bar on stderr when it is a terminal.</summary>
internal static class SimulationProgress
{
    public static IReadOnlyList<ScenarioResult> Run(IReadOnlyList<ScenarioSpec> specs, bool showProgress)
    {
        if (!showProgress) return specs.Select(s => ScenarioRunner.Run(s)).ToList();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var results = new List<ScenarioResult>();
        console.Progress().AutoClear(true).Start(ctx =>
        {
            foreach (var spec in specs)
            {
                var task = ctx.AddTask(spec.Name, maxValue: 1.0);
                results.Add(ScenarioRunner.Run(spec, new Progress<double>(p => task.Value = p)));
                task.Value = 1.0;
            }
        });
        return results;
    }
}
