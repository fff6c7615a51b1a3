namespace SloScaler.Simulation.Traces;

/// <summary>Every trace known by name: the <see cref="BuiltInTraces"/> and the <see cref="EmbeddedTraces"/>.</summary>
public static class TraceCatalog
{
    public static IReadOnlyList<string> Names { get; } = [.. BuiltInTraces.Names, .. EmbeddedTraces.Names];

    /// <summary>The trace called <paramref name="name"/> (case-insensitive), or null; <paramref name="seed"/> feeds random shapes.</summary>
    public static Trace? Find(string name, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(name);
        return BuiltInTraces.Find(name, seed) ?? EmbeddedTraces.Find(name);
    }
}
