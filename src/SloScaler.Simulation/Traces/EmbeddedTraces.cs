namespace SloScaler.Simulation.Traces;

/// <summary>
/// The two real traces shipped inside the assembly (sources in <c>Traces/Data/README.md</c>), in
/// their recorded requests/s; scale them with <see cref="Trace.ScaledToPeak"/>. Loaded once, on
/// first use.
/// </summary>
public static class EmbeddedTraces
{
    /// <summary>Wikipedia page views, June 2009, hourly, 28 days: smooth daily and weekly cycle.</summary>
    public const string WikipediaName = "wikipedia";

    /// <summary>1998 World Cup web site, first week of the tournament, per minute: rising base, spikes at match ends.</summary>
    public const string WorldCup98Name = "worldcup98";

    private static readonly Lazy<Trace> WikipediaTrace = new(() => Load("wikipedia_2009_hourly_4w.csv", WikipediaName));
    private static readonly Lazy<Trace> WorldCup98Trace = new(() => Load("worldcup98_tournament_start_1w.csv", WorldCup98Name));

    public static IReadOnlyList<string> Names { get; } = [WikipediaName, WorldCup98Name];

    public static Trace Wikipedia => WikipediaTrace.Value;

    public static Trace WorldCup98 => WorldCup98Trace.Value;

    /// <summary>The embedded trace called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Trace? Find(string name) =>
        string.Equals(name, WikipediaName, StringComparison.OrdinalIgnoreCase) ? Wikipedia
        : string.Equals(name, WorldCup98Name, StringComparison.OrdinalIgnoreCase) ? WorldCup98
        : null;

    private static Trace Load(string file, string name)
    {
        var resource = "SloScaler.Simulation.Traces.Data." + file;
        using var stream = typeof(EmbeddedTraces).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded trace resource '{resource}' is missing from the assembly");
        using var reader = new StreamReader(stream);
        return TraceCsv.Load(reader, name);
    }
}
