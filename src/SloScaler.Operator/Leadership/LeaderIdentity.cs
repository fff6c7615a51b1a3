using SloScaler.Operator.Hosting;

namespace SloScaler.Operator.Leadership;

/// <summary>
/// This process's name in the Lease: the pod (or host) name plus a random suffix, so a restarted
/// container is a new candidate rather than mistaking itself for the old holder (as controller-runtime does).
/// </summary>
public static class LeaderIdentity
{
    public static string Create(IRunEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = environment.InstanceName();
        if (name.Length > 100) name = name[..100];
        return $"{name}_{Guid.NewGuid().ToString("N")[..12]}";
    }
}
