using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>The load stage: per-parameter sizing, with the forecast's look-ahead and HPA's tolerance.</summary>
internal static class Sizing
{
    public sealed record Outcome(int? Replicas, bool AnyUnknown, IReadOnlyList<LoadSizing> Loads, IReadOnlyList<LoadHistory> History, string Text);

    public static Outcome Run(PolicySettings policy, Observation observation, EngineState state, double factor, DateTimeOffset now)
    {
        var current = observation.CurrentReplicas;
        var loads = new List<LoadSizing>();
        var history = new List<LoadHistory>();
        var texts = new List<string>();
        int? best = null;
        var anyUnknown = false;
        foreach (var parameter in policy.LoadParameters.Each())
        {
            var perReplica = parameter.TargetPerReplica * factor;
            var remembered = state.LoadHistory.FirstOrDefault(h => h.Name == parameter.Name);
            var previous = remembered?.Samples;
            if (observation.LoadOf(parameter.Name)?.KnownValue is not { } value)
            {
                anyUnknown = true;
                if (remembered is { Samples.Count: > 0 }) history.Add(remembered);
                loads.Add(new LoadSizing(parameter.Name, null, null, perReplica, null));
                texts.Add($"{parameter.Name} unknown");
                continue;
            }
            double? projected = null;
            var stepped = false;
            if (policy.Forecast.Enabled)
            {
                var samples = Forecaster.Remember(previous, value, now, policy.Forecast.TrendWindow + policy.Slo.Window);
                var jitter = remembered?.Jitter ?? 0;
                history.Add(new LoadHistory(parameter.Name, samples, Forecaster.Jitter(jitter, samples, first: previous is not { Count: > 1 })));
                var trend = Forecaster.Project(samples, now, policy.Forecast, Horizon(policy));
                var step = Forecaster.StepEstimate(samples, now, policy.Slo.Window, jitter);
                projected = step > (trend ?? value) ? step : trend;
                stepped = step is not null && projected == step;
            }
            var plain = LoadSizer.Replicas(value, perReplica, current, policy);
            var replicas = projected is { } p ? Math.Max(plain, LoadSizer.Replicas(p, perReplica, current, policy)) : plain;
            var used = replicas > plain ? projected : null;
            loads.Add(new LoadSizing(parameter.Name, value, used, perReplica, replicas));
            texts.Add(Describe(parameter.Name, value, used, stepped, perReplica, replicas, current, policy));
            best = best is null ? replicas : Math.Max(best.Value, replicas);
        }
        return new Outcome(best, anyUnknown, loads, history, string.Join(", ", texts));
    }

    private static TimeSpan Horizon(PolicySettings policy) => Forecaster.Horizon(policy.Forecast, policy.Interval, policy.Slo.Window);

    private static string Describe(string name, double value, double? forecast, bool stepped, double perReplica, int replicas, int current, PolicySettings policy)
    {
        var load = forecast is { } f
            ? stepped
                ? $"{name} {Fmt.Num(value)} (stepped up: ≈{Fmt.Num(f)} now)"
                : $"{name} {Fmt.Num(value)} (trend → {Fmt.Num(f)} in {Fmt.Latency(Horizon(policy))})"
            : $"{name} {Fmt.Num(value)}";
        var within = replicas == current && current > 0 && Math.Ceiling((forecast ?? value) / perReplica - LoadSizer.CeilingSlack) != current ? " (within tolerance)" : "";
        return $"{load} / {Fmt.Num(perReplica)} per replica → {replicas}{within}";
    }
}
