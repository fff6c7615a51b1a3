namespace SloScaler.Simulation.Metrics;

/// <summary>
/// The SPEC Research Group's elasticity metrics (Herbst et al., "Quantifying Cloud Performance and
/// Dependability", ACM ToMPECS 2018; BUNGEE's definitions) of a supply curve s(t) against a demand
/// curve d(t), both in replicas and sampled once per step.
/// </summary>
/// <param name="AccuracyUnder">θU: the mean of (d − s)⁺, replicas missing on average.</param>
/// <param name="AccuracyOver">θO: the mean of (s − d)⁺, replicas in excess on average.</param>
/// <param name="TimeshareUnder">τU: the share of steps with s &lt; d.</param>
/// <param name="TimeshareOver">τO: the share of steps with s &gt; d.</param>
/// <param name="Instability">υ: the share of step-to-step moves in which s and d change in opposite directions.</param>
/// <param name="ScaleEventsPerDay">Changes of the requested replicas per day of simulated time.</param>
public sealed record ElasticityMetrics(
    double AccuracyUnder, double AccuracyOver, double TimeshareUnder, double TimeshareOver, double Instability, double ScaleEventsPerDay)
{
    /// <summary>No steps measured.</summary>
    public static ElasticityMetrics None { get; } = new(0, 0, 0, 0, 0, 0);
}
