namespace SloScaler.Simulation.Reports;

/// <summary>Durations, latencies and rates as people read them (invariant culture, plain text, not yet escaped).</summary>
internal static class Units
{
    /// <summary>A length of time: <c>0 s</c>, <c>45 s</c>, <c>12 min 30 s</c>, <c>2 h 5 min</c>, <c>7 d</c>.</summary>
    public static string Duration(double seconds)
    {
        if (!(seconds > 0)) return "0 s";
        var total = (long)Math.Round(seconds);
        if (total < 60) return $"{Markup.Number(seconds, "0.#")} s";
        if (total < 3600) return Join(total / 60, "min", total % 60, "s");
        if (total < 2 * 86_400 || total % 86_400 != 0) return Join(total / 3600, "h", (total % 3600) / 60, "min");
        return $"{Markup.Number(total / 86_400)} d";
    }

    /// <summary>A latency: <c>312 ms</c>, <c>1.23 s</c>, <c>45.6 s</c>.</summary>
    public static string Latency(double seconds) =>
        seconds < 1 ? $"{Markup.Number(seconds * 1000, seconds < 0.01 ? "0.##" : "0")} ms"
        : seconds < 10 ? $"{Markup.Number(seconds, "0.##")} s"
        : $"{Markup.Number(seconds, "0.#")} s";

    /// <summary>A request rate: <c>12.3 req/s</c>.</summary>
    public static string Rate(double requestsPerSecond) => $"{Markup.Number(requestsPerSecond, requestsPerSecond < 10 ? "0.##" : "#,0.#")} req/s";

    private static string Join(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? $"{Markup.Number(major)} {majorUnit}" : $"{Markup.Number(major)} {majorUnit} {Markup.Number(minor)} {minorUnit}";
}
