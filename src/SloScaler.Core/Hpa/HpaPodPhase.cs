namespace SloScaler.Core.Hpa;

/// <summary>A pod's phase, as far as HPA's pod grouping cares.</summary>
public enum HpaPodPhase
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}
