using System.Globalization;
using SloScaler.Simulation.Strategies;

namespace SloScaler.Simulation.Scenarios;

/// <summary>What each strategy ran with, in words: every output states its peers' settings.</summary>
public static class StrategySetting
{
    /// <summary>
    /// <c>target 33.9 (70%)</c> for the HPA strategies (of the declared target), <c>27 replicas</c> for the
    /// manual ones, <c>declared 48.5</c> for elastic, <c>foresight</c> for the oracle; a tuned peer that
    /// did not reach its goal says so.
    /// </summary>
    public static string Describe(ScenarioResult scenario, StrategyResult strategy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strategy);
        var unreached = strategy.Tuning is { Reached: false } ? " (goal not reached)" : "";
        if (strategy.TargetPerReplica is { } target)
            return Invariant($"target {target:0.#} ({target / scenario.DeclaredTargetPerReplica * 100:0.#}%)") + unreached;
        return strategy.Name switch
        {
            StrategyNames.Elastic => Invariant($"declared {scenario.DeclaredTargetPerReplica:0.#}"),
            StrategyNames.Oracle => "foresight",
            _ when strategy.Name.StartsWith("manual", StringComparison.Ordinal) => Invariant($"{strategy.MaxReplicas} replicas") + unreached,
            _ => "",
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
