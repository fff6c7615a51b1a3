using SloScaler.Core.Behavior;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Policy;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Tests.Support;

/// <summary>Test data builders: a valid policy to start from, and observations.</summary>
internal static class SomePolicy
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static ScalingPolicySpec Spec() => new()
    {
        TargetRef = new TargetRef { ApiVersion = "apps/v1", Kind = "Deployment", Name = "checkout" },
        MinReplicas = 2,
        MaxReplicas = 40,
        LoadParameters = [new LoadParameterSpec { Name = "rps", Query = "sum(rate(http_requests_total[1m]))", TargetPerReplica = new Quantity("120") }],
        Slo = new SloSpec { LatencyQuery = "p99_query", Objective = new Duration("250ms") },
    };

    /// <summary>Settings with HPA's default behavior unless changed.</summary>
    public static PolicySettings Settings(
        double target = 120, int min = 1, int max = 100, ScalingBehavior? behavior = null, double tolerance = 0.1,
        bool forecast = false, MetricsUnavailableSettings? unavailable = null, ScalingMode mode = ScalingMode.Elastic, int? manual = null,
        params LoadParameter[] extra) => new()
        {
            Target = new TargetReference("apps/v1", "Deployment", "checkout"),
            Mode = mode,
            ManualReplicas = manual,
            MinReplicas = min,
            MaxReplicas = max,
            LoadParameters = [new LoadParameter("rps", "rps_query", target), .. extra],
            Slo = new SloSettings("p99_query", TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1)),
            Behavior = behavior ?? ScalingBehavior.Default,
            ScaleDownTolerance = tolerance,
            Forecast = forecast ? new ForecastSettings(true, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2)) : ForecastSettings.Disabled,
            OnMetricsUnavailable = unavailable ?? MetricsUnavailableSettings.Default,
        };

    /// <summary>Behavior with no stabilization and no effective rate limit, to test sizing alone.</summary>
    public static ScalingBehavior Unlimited { get; } = new(
        new ScalingRules(TimeSpan.Zero, PolicySelection.Max, [new RatePolicy(RatePolicyType.Percent, 10000, TimeSpan.FromSeconds(15))]),
        new ScalingRules(TimeSpan.Zero, PolicySelection.Max, [new RatePolicy(RatePolicyType.Percent, 100, TimeSpan.FromSeconds(15))]));

    public static Observation Observe(double? rps, double? p99Seconds, int current, int? ready = null, params (string Name, double? Value)[] extra) =>
        new([new LoadObservation("rps", Reading(rps)), .. extra.Select(e => new LoadObservation(e.Name, Reading(e.Value)))], Reading(p99Seconds), current, ready);

    public static MetricReading Reading(double? value) => value is { } v ? MetricReading.Of(v) : MetricReading.Empty();
}
