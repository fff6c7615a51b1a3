using SloScaler.Simulation.Verdicts;

namespace SloScaler.Simulation.Scenarios;

/// <summary>Where a scenario's load came from; the <see cref="QualityBar"/> depends on it.</summary>
public enum ScenarioSource
{
    /// <summary>A trace the user gave (<c>--trace FILE.csv</c>) or one built in code.</summary>
    UserTrace,

    /// <summary>One of the synthetic <see cref="Traces.BuiltInTraces"/>, by name.</summary>
    BuiltIn,

    /// <summary>One of the real <see cref="Traces.EmbeddedTraces"/> shipped in the assembly.</summary>
    RealTrace,
}
