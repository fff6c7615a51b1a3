namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>A Deployment's <c>spec.replicas</c> (null: it did not exist) at a time since recording started.</summary>
public sealed record ReplicaSample(TimeSpan At, int? Replicas);
