using SloScaler.Core.Behavior;
using SloScaler.Core.Policy;

namespace SloScaler.Core.Validation;

/// <summary>Validates <c>spec.behavior</c> with HPA's ranges and fills HPA's defaults.</summary>
internal static class BehaviorValidator
{
    public static (ScalingBehavior Behavior, double UpTolerance, double DownTolerance) Validate(BehaviorSpec? spec, ProblemList p)
    {
        var up = Rules("spec.behavior.scaleUp", spec?.ScaleUp, ScalingRules.DefaultScaleUp, p);
        var down = Rules("spec.behavior.scaleDown", spec?.ScaleDown, ScalingRules.DefaultScaleDown, p);
        var upTolerance = Tolerance("spec.behavior.scaleUp.tolerance", spec?.ScaleUp?.Tolerance, PolicyDefaults.ScaleUpTolerance, p);
        var downTolerance = Tolerance("spec.behavior.scaleDown.tolerance", spec?.ScaleDown?.Tolerance, PolicyDefaults.ScaleDownTolerance, p);
        return (new ScalingBehavior(up, down), upTolerance, downTolerance);
    }

    private static double Tolerance(string field, double? value, double fallback, ProblemList p)
    {
        if (value is not { } tolerance) return fallback;
        if (double.IsFinite(tolerance) && tolerance >= 0 && tolerance < 1) return tolerance;
        p.Add(field, $"{ProblemList.Number(tolerance)} must be in [0, 1)");
        return fallback;
    }

    private static ScalingRules Rules(string field, ScalingRulesSpec? spec, ScalingRules defaults, ProblemList p)
    {
        if (spec is null) return defaults;
        var window = p.Duration($"{field}.stabilizationWindow", spec.StabilizationWindow, defaults.StabilizationWindow, TimeSpan.Zero, PolicyDefaults.MaxStabilizationWindow);
        var select = p.Enum($"{field}.selectPolicy", spec.SelectPolicy, PolicySelection.Max) ?? PolicySelection.Max;
        if (spec.Policies is null) return new ScalingRules(window, select, defaults.Policies);
        if (spec.Policies.Count == 0 && select != PolicySelection.Disabled)
            p.Add($"{field}.policies", "must have at least one policy unless selectPolicy is Disabled");
        var policies = new List<RatePolicy>();
        for (var i = 0; i < spec.Policies.Count; i++)
        {
            var f = $"{field}.policies[{i}]";
            var policy = spec.Policies[i];
            var type = policy?.Type is null ? null : p.Enum($"{f}.type", policy.Type, RatePolicyType.Pods);
            if (policy?.Type is null) p.Add($"{f}.type", "is required (Pods or Percent)");
            if (policy?.Value is not { } value) p.Add($"{f}.value", "is required");
            else if (value <= 0) p.Add($"{f}.value", $"{value} must be greater than 0");
            if (policy?.Period is null) p.Add($"{f}.period", "is required");
            var period = p.Duration($"{f}.period", policy?.Period, TimeSpan.Zero, TimeSpan.Zero, PolicyDefaults.MaxPolicyPeriod, minExclusive: true);
            if (type is { } t && policy?.Value is > 0 && period > TimeSpan.Zero) policies.Add(new RatePolicy(t, policy.Value.Value, period));
        }
        return new ScalingRules(window, select, policies);
    }
}
