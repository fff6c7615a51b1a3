namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// How long the end-to-end tests wait for the operator. Policies are evaluated every 2 s; the
/// bounds leave room for the first list, a tick's phase and a busy two-core machine, and are far
/// below anything that would pass by accident.
/// </summary>
public static class Waits
{
    /// <summary>From a policy (or a change) to the replicas the decision asks for.</summary>
    public static readonly TimeSpan Scale = TimeSpan.FromSeconds(30);

    /// <summary>From something observable to the status and Events that explain it.</summary>
    public static readonly TimeSpan Report = TimeSpan.FromSeconds(20);

    /// <summary>Clock and polling slack when a test checks that something did not happen too early.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    /// <summary>"Nothing happens": watched for three evaluation intervals.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(6);
}
