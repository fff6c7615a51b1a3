namespace SloScaler.Simulation.Reports;

/// <summary>A fixed colour per strategy (Okabe–Ito, distinguishable with the common colour-vision deficiencies).</summary>
internal static class StrategyPalette
{
    private static readonly string[] Spare = ["#56B4E9", "#E69F00", "#F0E442", "#000000"];

    public static string ColorOf(string strategy, int index) => strategy switch
    {
        "elastic" => "#0072B2",
        "hpa" => "#D55E00",
        "manual-peak" => "#7F7F7F",
        "manual-median" => "#CC79A7",
        "oracle" => "#009E73",
        _ => Spare[index % Spare.Length],
    };

    /// <summary>The oracle is a bound, not a contender: dashed.</summary>
    public static bool IsDashed(string strategy) => strategy == "oracle";
}
