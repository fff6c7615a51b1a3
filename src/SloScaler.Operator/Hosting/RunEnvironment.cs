namespace SloScaler.Operator.Hosting;

/// <summary>What the process learns from where it runs (replaceable in tests).</summary>
public interface IRunEnvironment
{
    /// <summary>The pod's namespace (<c>POD_NAMESPACE</c>, else the service account's namespace file), or null outside a cluster.</summary>
    string? InClusterNamespace();

    /// <summary>The pod's name (<c>POD_NAME</c>), else the host name.</summary>
    string InstanceName();
}

public sealed class RunEnvironment : IRunEnvironment
{
    /// <summary>Where Kubernetes mounts the pod's service account namespace.</summary>
    public const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    public static RunEnvironment Current { get; } = new();

    public string? InClusterNamespace()
    {
        var fromEnv = Environment.GetEnvironmentVariable("POD_NAMESPACE");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv.Trim();
        try
        {
            return File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() is { Length: > 0 } ns ? ns : null : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public string InstanceName()
    {
        var pod = Environment.GetEnvironmentVariable("POD_NAME");
        return string.IsNullOrWhiteSpace(pod) ? Environment.MachineName : pod.Trim();
    }
}
