namespace SloScaler.Core.Behavior;

/// <summary>
/// What one behavior stage made of the desired replicas: the replicas it lets through, a reason
/// from <see cref="StageReasons"/> and a one-line message for status and events.
/// </summary>
public sealed record StageOutcome(int Replicas, string Reason, string Message);
