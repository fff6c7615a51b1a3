namespace SloScaler.Core.Validation;

/// <summary>Defaults and allowed ranges, in one place for validation, docs and the CRD.</summary>
public static class PolicyDefaults
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);
    public const double ScaleDownTolerance = 0.1;
    public const double ScaleUpTolerance = 0.0;
    public const int MinReplicas = 1;
    public const int AfterFailures = 3;
    public static readonly TimeSpan SloWindow = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ReplicaStartupTime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan TrendWindow = TimeSpan.FromMinutes(1);
    /// <summary>HPA allows stabilization windows of 0–3600 s.</summary>
    public static readonly TimeSpan MaxStabilizationWindow = TimeSpan.FromHours(1);
    /// <summary>HPA allows policy periods of 1–1800 s.</summary>
    public static readonly TimeSpan MaxPolicyPeriod = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxStartupTime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxQueryTimeout = TimeSpan.FromMinutes(5);
}
