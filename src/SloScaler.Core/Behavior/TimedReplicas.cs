namespace SloScaler.Core.Behavior;

/// <summary>A replica count at an instant: a recommendation, or the size of one scale event's change.</summary>
public sealed record TimedReplicas(DateTimeOffset Time, int Replicas);
