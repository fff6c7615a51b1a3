namespace SloScaler.Core.Hpa;

/// <summary>What one HPA sync reads.</summary>
/// <param name="MetricTotal">The external metric's value (the sum over its series), or null when it could not be read.</param>
/// <param name="SpecReplicas">The scale subresource's <c>spec.replicas</c>: HPA's current replicas.</param>
/// <param name="StatusReplicas">The scale subresource's <c>status.replicas</c>: pods that exist, ready or not.</param>
public sealed record HpaObservation(double? MetricTotal, int SpecReplicas, int StatusReplicas);
