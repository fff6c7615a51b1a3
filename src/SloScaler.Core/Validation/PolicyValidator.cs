using SloScaler.Core.Observations;
using SloScaler.Core.Policy;
using SloScaler.Core.Settings;

namespace SloScaler.Core.Validation;

/// <summary>
/// Turns a spec as written into <see cref="PolicySettings"/>, or returns every problem at once,
/// each naming the field path and the bad value. Never throws on bad input.
/// </summary>
public static class PolicyValidator
{
    public static ValidationResult Validate(ScalingPolicySpec? spec)
    {
        var p = new ProblemList();
        if (spec is null)
        {
            p.Add("spec", "is required");
            return new ValidationResult(p.Items, null);
        }

        var target = ValidateTarget(spec.TargetRef, p);
        var mode = p.Enum("spec.mode", spec.Mode, ScalingMode.Elastic);
        var (min, max) = ValidateBounds(spec, p);
        if (mode == ScalingMode.Manual && spec.ManualReplicas is null)
            p.Add("spec.manualReplicas", "is required when spec.mode is Manual");
        if (spec.ManualReplicas is < 0)
            p.Add("spec.manualReplicas", $"{spec.ManualReplicas} must not be negative");
        var interval = p.Duration("spec.interval", spec.Interval, PolicyDefaults.Interval, PolicyDefaults.MinInterval, PolicyDefaults.MaxInterval);
        var metrics = ValidatePrometheus(spec.Prometheus, p);
        var loads = ValidateLoadParameters(spec.LoadParameters, p);
        var slo = ValidateSlo(spec.Slo, p);
        var (behavior, upTolerance, downTolerance) = BehaviorValidator.Validate(spec.Behavior, p);
        var forecast = ValidateForecast(spec.Forecast, p);
        var unavailable = ValidateUnavailable(spec.OnMetricsUnavailable, min, max, p);

        if (p.Count > 0 || target is null || mode is null || loads is null || slo is null)
            return new ValidationResult(p.Items, null);

        return new ValidationResult(p.Items, new PolicySettings
        {
            Target = target,
            Mode = mode.Value,
            ManualReplicas = spec.ManualReplicas,
            MinReplicas = min,
            MaxReplicas = max,
            Interval = interval,
            DryRun = spec.DryRun ?? false,
            Metrics = metrics,
            LoadParameters = loads,
            Slo = slo,
            Behavior = behavior,
            ScaleUpTolerance = upTolerance,
            ScaleDownTolerance = downTolerance,
            Forecast = forecast,
            OnMetricsUnavailable = unavailable,
        });
    }

    private static TargetReference? ValidateTarget(TargetRef? target, ProblemList p)
    {
        if (target is null)
        {
            p.Add("spec.targetRef", "is required");
            return null;
        }
        var apiVersion = p.RequireText("spec.targetRef.apiVersion", target.ApiVersion);
        var kind = p.RequireText("spec.targetRef.kind", target.Kind);
        var name = p.RequireText("spec.targetRef.name", target.Name);
        if (name is not null && ObjectNames.CheckSubdomain(name) is { } badName)
        {
            p.Add("spec.targetRef.name", badName);
            name = null;
        }
        return apiVersion is null || kind is null || name is null ? null : new TargetReference(apiVersion, kind, name);
    }

    private static (int Min, int Max) ValidateBounds(ScalingPolicySpec spec, ProblemList p)
    {
        var min = spec.MinReplicas ?? PolicyDefaults.MinReplicas;
        if (min < 1) p.Add("spec.minReplicas", $"{min} must be at least 1");
        if (spec.MaxReplicas is not { } max)
        {
            p.Add("spec.maxReplicas", "is required");
            return (min, Math.Max(min, 1));
        }
        if (max < 1) p.Add("spec.maxReplicas", $"{max} must be at least 1");
        else if (max < min) p.Add("spec.maxReplicas", $"{max} is less than spec.minReplicas ({min})");
        return (min, max);
    }

    private static MetricsConnection ValidatePrometheus(PrometheusSpec? spec, ProblemList p)
    {
        if (spec is null) return MetricsConnection.Default;
        if (spec.Address is not null &&
            (!Uri.TryCreate(spec.Address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            p.Add("spec.prometheus.address", $"{ProblemList.Quote(spec.Address)} is not an absolute http(s) URL");
        TimeSpan? timeout = spec.Timeout is null ? null
            : p.Duration("spec.prometheus.timeout", spec.Timeout, TimeSpan.FromSeconds(5), TimeSpan.Zero, PolicyDefaults.MaxQueryTimeout, minExclusive: true);
        if (spec.BearerTokenFile is { Length: 0 }) p.Add("spec.prometheus.bearerTokenFile", "\"\" must not be empty");
        if (spec.CaFile is { Length: 0 }) p.Add("spec.prometheus.caFile", "\"\" must not be empty");
        foreach (var (name, _) in spec.Headers ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c == ':' || c > '~'))
                p.Add($"spec.prometheus.headers[{ProblemList.Quote(name)}]", "is not a valid HTTP header name");
        }
        return new MetricsConnection(spec.Address, timeout, spec.BearerTokenFile, spec.CaFile, spec.Headers);
    }

    private static List<LoadParameter>? ValidateLoadParameters(IReadOnlyList<LoadParameterSpec>? specs, ProblemList p)
    {
        if (specs is null || specs.Count == 0)
        {
            p.Add("spec.loadParameters", specs is null ? "is required" : "must have at least one load parameter");
            return null;
        }
        var result = new List<LoadParameter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < specs.Count; i++)
        {
            var field = $"spec.loadParameters[{i}]";
            var spec = specs[i];
            var name = p.RequireText($"{field}.name", spec?.Name);
            if (name is not null && !names.Add(name)) p.Add($"{field}.name", $"{ProblemList.Quote(name)} is used by another load parameter");
            var query = p.PromQl($"{field}.query", p.RequireText($"{field}.query", spec?.Query));
            var target = TargetPerReplica($"{field}.targetPerReplica", spec?.TargetPerReplica, p);
            if (name is not null && query is not null && target is not null) result.Add(new LoadParameter(name, query, target.Value));
        }
        return result.Count == specs.Count ? result : null;
    }

    private static double? TargetPerReplica(string field, Quantity? value, ProblemList p)
    {
        if (value is null)
        {
            p.Add(field, "is required");
            return null;
        }
        if (value.Value.Value is not { } number)
        {
            p.Add(field, $"{ProblemList.Quote(value.Value.Text)} is not a number or quantity");
            return null;
        }
        if (number <= 0)
        {
            p.Add(field, $"{value.Value.Text} must be greater than 0");
            return null;
        }
        if (value.Value.FractionalNumber)
        {
            var milli = number * 1000;
            var instead = milli == Math.Round(milli) && milli < long.MaxValue
                ? $"\"{value.Value.Text}\" or {milli.ToString("0", System.Globalization.CultureInfo.InvariantCulture)}m"
                : $"\"{value.Value.Text}\"";
            p.Add(field, $"{value.Value.Text} is a number that is not an integer, which the API server refuses here (it takes an integer or a string): write {instead}");
            return null;
        }
        return number;
    }

    private static SloSettings? ValidateSlo(SloSpec? spec, ProblemList p)
    {
        if (spec is null)
        {
            p.Add("spec.slo", "is required");
            return null;
        }
        var query = p.PromQl("spec.slo.latencyQuery", p.RequireText("spec.slo.latencyQuery", spec.LatencyQuery));
        if (spec.Objective is null) p.Add("spec.slo.objective", "is required");
        var objective = p.Duration("spec.slo.objective", spec.Objective, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromHours(24), minExclusive: true);
        var window = p.Duration("spec.slo.window", spec.Window, PolicyDefaults.SloWindow, TimeSpan.Zero, TimeSpan.FromHours(1), minExclusive: true);
        return query is null || objective <= TimeSpan.Zero ? null : new SloSettings(query, objective, window);
    }

    private static ForecastSettings ValidateForecast(ForecastSpec? spec, ProblemList p)
    {
        if (spec is null) return ForecastSettings.Disabled;
        var startup = p.Duration("spec.forecast.replicaStartupTime", spec.ReplicaStartupTime, PolicyDefaults.ReplicaStartupTime, TimeSpan.Zero, PolicyDefaults.MaxStartupTime);
        var trend = p.Duration("spec.forecast.trendWindow", spec.TrendWindow, PolicyDefaults.TrendWindow, TimeSpan.Zero, TimeSpan.FromHours(1), minExclusive: true);
        return new ForecastSettings(spec.Enabled ?? false, startup, trend);
    }

    private static MetricsUnavailableSettings ValidateUnavailable(MetricsUnavailableSpec? spec, int min, int max, ProblemList p)
    {
        if (spec is null) return MetricsUnavailableSettings.Default;
        var action = p.Enum("spec.onMetricsUnavailable.action", spec.Action, MetricsUnavailableAction.Hold) ?? MetricsUnavailableAction.Hold;
        var after = spec.AfterFailures ?? PolicyDefaults.AfterFailures;
        if (after < 1) p.Add("spec.onMetricsUnavailable.afterFailures", $"{after} must be at least 1");
        if (action == MetricsUnavailableAction.Fallback && spec.FallbackReplicas is null)
            p.Add("spec.onMetricsUnavailable.fallbackReplicas", "is required when action is Fallback");
        if (spec.FallbackReplicas is { } fallback && (fallback < min || fallback > max))
            p.Add("spec.onMetricsUnavailable.fallbackReplicas", $"{fallback} is outside [spec.minReplicas, spec.maxReplicas] ([{min}, {max}])");
        return new MetricsUnavailableSettings(action, spec.FallbackReplicas, after);
    }
}
