namespace SloScaler.Core.Hpa;

/// <summary>A pod selected by the scale target, as HPA's pod lister sees it.</summary>
/// <param name="Name">The pod name, the key of its metric sample.</param>
/// <param name="Phase">Pending pods are unready; Failed pods are ignored.</param>
/// <param name="Deleting">A pod with a deletion timestamp is ignored.</param>
public sealed record HpaPod(string Name, HpaPodPhase Phase = HpaPodPhase.Running, bool Deleting = false);
