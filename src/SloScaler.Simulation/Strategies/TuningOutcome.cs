namespace SloScaler.Simulation.Strategies;

/// <summary>How a peer was tuned with hindsight on the trace itself.</summary>
/// <param name="Goal">The step attainment it had to reach: elastic's on the same trace.</param>
/// <param name="Reached">Whether any candidate reached it; when none did, the result is the best candidate.</param>
/// <param name="Candidates">Full runs the search made.</param>
/// <param name="Setting">The setting chosen: the HPA target per replica, or the fixed replicas.</param>
/// <param name="SettingFraction">For HPA, the chosen target as a fraction of the declared target per replica.</param>
public sealed record TuningOutcome(double Goal, bool Reached, int Candidates, double Setting, double? SettingFraction = null);
