namespace SloScaler.Core.Hpa;

/// <summary>One entry of HPA's scale-event list: the replicas changed, when, and whether it may be overwritten.</summary>
public sealed record HpaScaleEvent(DateTimeOffset Time, int Change, bool Outdated);
