using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// Sizes from the load: for each parameter <c>ceil(load / perReplica)</c>, with HPA's tolerance
/// (a usage ratio within [1 − scale-down tolerance, 1 + scale-up tolerance] keeps the current replicas). The largest wins.
/// </summary>
internal static class LoadSizer
{
    /// <summary>
    /// A ratio this little above a whole number is that number: floating-point noise (8.0000000001) must not ask
    /// for another replica. Far below any load's real resolution, far above a double's rounding error near it.
    /// </summary>
    public const double CeilingSlack = 1e-9;

    public static int Replicas(double load, double perReplica, int currentReplicas, PolicySettings policy)
    {
        if (load <= 0) return 0;
        if (currentReplicas > 0)
        {
            var ratio = load / (perReplica * currentReplicas);
            if (ratio >= 1.0 - policy.ScaleDownTolerance && ratio <= 1.0 + policy.ScaleUpTolerance) return currentReplicas;
        }
        var raw = load / perReplica;
        var replicas = Math.Ceiling(raw - CeilingSlack);
        return replicas >= int.MaxValue ? int.MaxValue : (int)replicas;
    }

    /// <summary>The load-based recommendation from the known parameters, or null when none is known.</summary>
    public static int? Recommend(PolicySettings policy, Observation observation, double capacityFactor)
    {
        int? best = null;
        foreach (var parameter in policy.LoadParameters.Each())
        {
            if (observation.LoadOf(parameter.Name)?.KnownValue is not { } value) continue;
            var replicas = Replicas(value, parameter.TargetPerReplica * capacityFactor, observation.CurrentReplicas, policy);
            best = best is null ? replicas : Math.Max(best.Value, replicas);
        }
        return best;
    }
}
