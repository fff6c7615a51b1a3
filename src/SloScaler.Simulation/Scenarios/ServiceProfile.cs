namespace SloScaler.Simulation.Scenarios;

/// <summary>The simulated service: per-replica workers and service time, replica start-up, and the SLO.</summary>
public sealed record ServiceProfile
{
    public int Workers { get; init; } = 4;
    public TimeSpan ServiceTime { get; init; } = TimeSpan.FromMilliseconds(50);
    public TimeSpan StartupTime { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Objective { get; init; } = TimeSpan.FromMilliseconds(250);

    public static ServiceProfile Default { get; } = new();
}
