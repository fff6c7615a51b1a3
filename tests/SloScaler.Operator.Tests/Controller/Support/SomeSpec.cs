using SloScaler.Core.Policy;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>Test data: a valid spec to start from.</summary>
internal static class SomeSpec
{
    public const string LoadQuery = "sum(rate(http_requests_total[1m]))";
    public const string LatencyQuery = "p99_query";

    /// <summary>2026-01-01T00:00:00Z: a whole number of any interval since the Unix epoch.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ScalingPolicySpec Valid(string target = "checkout", string interval = "10s") => new()
    {
        TargetRef = new TargetRef { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
        MinReplicas = 2,
        MaxReplicas = 40,
        Interval = new Duration(interval),
        LoadParameters = [new LoadParameterSpec { Name = "rps", Query = LoadQuery, TargetPerReplica = new Quantity("120") }],
        Slo = new SloSpec { LatencyQuery = LatencyQuery, Objective = new Duration("250ms") },
    };

    public static ScalingPolicySpec Invalid(string interval = "10s") => Valid(interval: interval) with { MinReplicas = 5, MaxReplicas = 2 };

    /// <summary>A status saying this generation was already observed, so the first tick waits for the policy's slot.</summary>
    public static ScalingPolicyStatus Observed(long generation = 1) => new() { ObservedGeneration = generation };
}
