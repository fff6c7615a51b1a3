namespace SloScaler.Simulation.Strategies;

/// <summary>The names of the strategies every scenario runs, as they appear in tables, JSON and <c>--explain</c>.</summary>
public static class StrategyNames
{
    public const string Elastic = "elastic";
    public const string Hpa = "hpa";
    public const string HpaTuned = "hpa-tuned";
    public const string ManualPeak = "manual-peak";
    public const string ManualMedian = "manual-median";
    public const string ManualTuned = "manual-tuned";
    public const string Oracle = "oracle";

    /// <summary>Every strategy, in the order they run and are printed.</summary>
    public static IReadOnlyList<string> All { get; } = [Elastic, Hpa, HpaTuned, ManualPeak, ManualMedian, ManualTuned, Oracle];
}
