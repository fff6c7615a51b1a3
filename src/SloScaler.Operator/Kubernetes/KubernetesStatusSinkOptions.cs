using SloScaler.Core.Reconcile;
using SloScaler.Operator.Retries;

namespace SloScaler.Operator.Kubernetes;

/// <summary>How status and Events are written.</summary>
public sealed record KubernetesStatusSinkOptions
{
    /// <summary>The Event's <c>reportingController</c>.</summary>
    public const string ReportingController = "sloscaler.io/operator";

    /// <summary>The Event's <c>reportingInstance</c>; default: <c>POD_NAME</c>, else <c>HOSTNAME</c>, else the machine name.</summary>
    public string? ReportingInstance { get; init; }

    /// <summary>
    /// The policy's uid when the caller knows it (e.g. from its watch cache), for the Event's
    /// <c>regarding</c>; without it the uid comes from the status write or a GET.
    /// </summary>
    public Func<PolicyKey, string?>? UidLookup { get; init; }

    /// <summary>Attempts at a status write that meets a conflict, throttling or a server error.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Wait before the second attempt; doubles per attempt up to <see cref="MaxRetryDelay"/> (each scaled by 0.5–1).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The status writes' retries under the operator's one <see cref="RetryPolicy"/>.</summary>
    internal RetryPolicy Retry => new() { MaxAttempts = MaxAttempts, FirstDelay = RetryDelay, MaxDelay = MaxRetryDelay };

    internal string ResolveReportingInstance()
    {
        var instance = new[] { ReportingInstance, Environment.GetEnvironmentVariable("POD_NAME"), Environment.GetEnvironmentVariable("HOSTNAME"), Environment.MachineName }
            .First(s => !string.IsNullOrWhiteSpace(s))!.Trim();
        return instance.Length <= 128 ? instance : instance[..128];
    }
}
