using SloScaler.Core.Behavior;
using SloScaler.Core.Policy;
using SloScaler.Core.Settings;
using SloScaler.Core.Tests.Support;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Tests.Validation;

public sealed class PolicyValidatorTests
{
    [Fact]
    public void Validate_GoodSpec_AppliesDefaults()
    {
        var result = PolicyValidator.Validate(SomePolicy.Spec());
        Assert.True(result.IsValid, result.Summary);
        var s = result.Settings!;
        Assert.Equal(ScalingMode.Elastic, s.Mode);
        Assert.Equal(TimeSpan.FromSeconds(15), s.Interval);
        Assert.Equal(0.1, s.ScaleDownTolerance);
        Assert.Equal(0.0, s.ScaleUpTolerance);
        Assert.Equal(TimeSpan.Zero, s.Behavior.ScaleUp.StabilizationWindow);
        Assert.Equal(TimeSpan.FromSeconds(300), s.Behavior.ScaleDown.StabilizationWindow);
        Assert.Equal(MetricsUnavailableAction.Hold, s.OnMetricsUnavailable.Action);
        Assert.Equal(3, s.OnMetricsUnavailable.AfterFailures);
        Assert.Equal(120, s.LoadParameters[0].TargetPerReplica);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.Slo.Objective);
    }

    public static TheoryData<string, Func<ScalingPolicySpec, ScalingPolicySpec>, string, string> BadSpecs() => new()
    {
        { "missing target", s => s with { TargetRef = null }, "spec.targetRef", "is required" },
        { "target without name", s => s with { TargetRef = s.TargetRef! with { Name = "" } }, "spec.targetRef.name", "\"\" must not be empty" },
        { "min > max", s => s with { MinReplicas = 2, MaxReplicas = 1 }, "spec.maxReplicas", "1 is less than spec.minReplicas (2)" },
        { "min zero", s => s with { MinReplicas = 0 }, "spec.minReplicas", "0 must be at least 1" },
        { "max missing", s => s with { MaxReplicas = null }, "spec.maxReplicas", "is required" },
        { "zero target", s => s with { LoadParameters = [s.LoadParameters![0] with { TargetPerReplica = new Quantity("0") }] }, "spec.loadParameters[0].targetPerReplica", "0 must be greater than 0" },
        { "negative target", s => s with { LoadParameters = [s.LoadParameters![0] with { TargetPerReplica = new Quantity("-5") }] }, "spec.loadParameters[0].targetPerReplica", "-5 must be greater than 0" },
        { "target not a number", s => s with { LoadParameters = [s.LoadParameters![0] with { TargetPerReplica = new Quantity("lots") }] }, "spec.loadParameters[0].targetPerReplica", "\"lots\" is not a number or quantity" },
        { "empty query", s => s with { LoadParameters = [s.LoadParameters![0] with { Query = " " }] }, "spec.loadParameters[0].query", "\" \" must not be empty" },
        { "no load parameters", s => s with { LoadParameters = [] }, "spec.loadParameters", "must have at least one load parameter" },
        { "duplicate names", s => s with { LoadParameters = [s.LoadParameters![0], s.LoadParameters[0]] }, "spec.loadParameters[1].name", "\"rps\" is used by another load parameter" },
        { "bad interval", s => s with { Interval = new Duration("15x") }, "spec.interval", "\"15x\" is not a valid duration (use e.g. 250ms, 15s, 5m, 1h30m)" },
        { "interval too short", s => s with { Interval = new Duration("100ms") }, "spec.interval", "\"100ms\" must be at least 1s" },
        { "unknown mode", s => s with { Mode = "Elasticc" }, "spec.mode", "\"Elasticc\" is not one of Elastic, Manual" },
        { "manual without replicas", s => s with { Mode = "Manual" }, "spec.manualReplicas", "is required when spec.mode is Manual" },
        { "objective zero", s => s with { Slo = s.Slo! with { Objective = new Duration("0s") } }, "spec.slo.objective", "\"0s\" must be greater than 0s" },
        { "objective negative", s => s with { Slo = s.Slo! with { Objective = new Duration("-1s") } }, "spec.slo.objective", "\"-1s\" must be greater than 0s" },
        { "objective missing", s => s with { Slo = s.Slo! with { Objective = null } }, "spec.slo.objective", "is required" },
        { "empty latency query", s => s with { Slo = s.Slo! with { LatencyQuery = "" } }, "spec.slo.latencyQuery", "\"\" must not be empty" },
        { "slo missing", s => s with { Slo = null }, "spec.slo", "is required" },
        { "period zero", s => s with { Behavior = Rate("Pods", 4, "0s") }, "spec.behavior.scaleUp.policies[0].period", "\"0s\" must be greater than 0s" },
        { "period too long", s => s with { Behavior = Rate("Pods", 4, "31m") }, "spec.behavior.scaleUp.policies[0].period", "\"31m\" must be at most 30m" },
        { "policy value zero", s => s with { Behavior = Rate("Percent", 0, "15s") }, "spec.behavior.scaleUp.policies[0].value", "0 must be greater than 0" },
        { "policy type unknown", s => s with { Behavior = Rate("Replicas", 4, "15s") }, "spec.behavior.scaleUp.policies[0].type", "\"Replicas\" is not one of Pods, Percent" },
        { "window too long", s => s with { Behavior = new BehaviorSpec { ScaleDown = new ScalingRulesSpec { StabilizationWindow = new Duration("2h") } } }, "spec.behavior.scaleDown.stabilizationWindow", "\"2h\" must be at most 1h" },
        { "select policy unknown", s => s with { Behavior = new BehaviorSpec { ScaleDown = new ScalingRulesSpec { SelectPolicy = "Fastest" } } }, "spec.behavior.scaleDown.selectPolicy", "\"Fastest\" is not one of Max, Min, Disabled" },
        { "tolerance out of range", s => s with { Behavior = new BehaviorSpec { ScaleDown = new ScalingRulesSpec { Tolerance = 1.5 } } }, "spec.behavior.scaleDown.tolerance", "1.5 must be in [0, 1)" },
        { "fallback without replicas", s => s with { OnMetricsUnavailable = new MetricsUnavailableSpec { Action = "Fallback" } }, "spec.onMetricsUnavailable.fallbackReplicas", "is required when action is Fallback" },
        { "fallback above max", s => s with { OnMetricsUnavailable = new MetricsUnavailableSpec { Action = "Fallback", FallbackReplicas = 99 } }, "spec.onMetricsUnavailable.fallbackReplicas", "99 is outside [spec.minReplicas, spec.maxReplicas] ([2, 40])" },
        { "after failures zero", s => s with { OnMetricsUnavailable = new MetricsUnavailableSpec { AfterFailures = 0 } }, "spec.onMetricsUnavailable.afterFailures", "0 must be at least 1" },
        { "unknown action", s => s with { OnMetricsUnavailable = new MetricsUnavailableSpec { Action = "Panic" } }, "spec.onMetricsUnavailable.action", "\"Panic\" is not one of Hold, Fallback" },
        { "address not a url", s => s with { Prometheus = new PrometheusSpec { Address = "prometheus:9090" } }, "spec.prometheus.address", "\"prometheus:9090\" is not an absolute http(s) URL" },
        { "bad startup time", s => s with { Forecast = new ForecastSpec { Enabled = true, ReplicaStartupTime = new Duration("soon") } }, "spec.forecast.replicaStartupTime", "\"soon\" is not a valid duration (use e.g. 250ms, 15s, 5m, 1h30m)" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Validate_BadField_NamesFieldAndValue(string because, Func<ScalingPolicySpec, ScalingPolicySpec> change, string field, string message)
    {
        var result = PolicyValidator.Validate(change(SomePolicy.Spec()));
        Assert.False(result.IsValid, because);
        Assert.Null(result.Settings);
        Assert.Contains(new ValidationProblem(field, message), result.Problems);
    }

    [Fact]
    public void Validate_ManyProblems_ReturnsEveryOneAtOnce()
    {
        var spec = SomePolicy.Spec() with
        {
            TargetRef = null,
            MinReplicas = 5,
            MaxReplicas = 3,
            Mode = "Manual",
            Interval = new Duration("fast"),
            Slo = new SloSpec { LatencyQuery = "q", Objective = new Duration("0s") },
        };
        var fields = PolicyValidator.Validate(spec).Problems.Select(p => p.Field).ToList();
        Assert.Equal(["spec.targetRef", "spec.maxReplicas", "spec.manualReplicas", "spec.interval", "spec.slo.objective"], fields);
    }

    [Fact]
    public void Validate_Null_ReportsSpecRequired() =>
        Assert.Equal("spec: is required", Assert.Single(PolicyValidator.Validate(null).Problems).ToString());

    [Fact]
    public void Validate_ProblemText_IsFieldColonMessage() =>
        Assert.Equal("spec.maxReplicas: 1 is less than spec.minReplicas (2)",
            PolicyValidator.Validate(SomePolicy.Spec() with { MinReplicas = 2, MaxReplicas = 1 }).Summary);

    [Fact]
    public void Validate_DisabledWithoutPolicies_IsAccepted()
    {
        var spec = SomePolicy.Spec() with { Behavior = new BehaviorSpec { ScaleDown = new ScalingRulesSpec { SelectPolicy = "Disabled", Policies = [] } } };
        var result = PolicyValidator.Validate(spec);
        Assert.True(result.IsValid, result.Summary);
        Assert.Equal(PolicySelection.Disabled, result.Settings!.Behavior.ScaleDown.SelectPolicy);
    }

    private static BehaviorSpec Rate(string type, int value, string period) => new()
    {
        ScaleUp = new ScalingRulesSpec { Policies = [new RatePolicySpec { Type = type, Value = value, Period = new Duration(period) }] },
    };
}
