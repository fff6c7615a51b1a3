namespace SloScaler.Simulation;

/// <summary>Simulation time as a <see cref="TimeProvider"/>: it moves only when the simulator says so.</summary>
public sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start { get; } = start;

    public TimeSpan Elapsed { get; set; }

    public override DateTimeOffset GetUtcNow() => Start + Elapsed;
}
