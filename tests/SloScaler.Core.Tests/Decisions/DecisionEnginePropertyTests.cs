using CsCheck;
using SloScaler.Core.Behavior;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;
using static SloScaler.Core.Tests.Support.SomePolicy;

namespace SloScaler.Core.Tests.Decisions;

/// <summary>Invariants of the engine over random policies, loads, latencies and histories.</summary>
public sealed class DecisionEnginePropertyTests
{
    private const int Iterations = 400;

    private static readonly Gen<ScalingBehavior> GenBehavior =
        Gen.Select(Gen.Int[0, 600], Gen.Int[0, 600], Gen.Int[1, 10], Gen.Int[1, 200], Gen.Int[1, 10], Gen.Int[1, 100], Gen.Enum<PolicySelection>())
            .Select((upWindow, downWindow, upPods, upPercent, downPods, downPercent, select) => new ScalingBehavior(
                new ScalingRules(TimeSpan.FromSeconds(upWindow), select,
                    [new RatePolicy(RatePolicyType.Pods, upPods, TimeSpan.FromSeconds(15)), new RatePolicy(RatePolicyType.Percent, upPercent, TimeSpan.FromSeconds(60))]),
                new ScalingRules(TimeSpan.FromSeconds(downWindow), select,
                    [new RatePolicy(RatePolicyType.Pods, downPods, TimeSpan.FromSeconds(15)), new RatePolicy(RatePolicyType.Percent, downPercent, TimeSpan.FromSeconds(60))])));

    private static readonly Gen<PolicySettings> GenPolicy =
        Gen.Select(Gen.Double[1, 500], Gen.Int[1, 10], Gen.Int[0, 60], GenBehavior, Gen.Bool, Gen.Double[0, 0.3])
            .Select((target, min, span, behavior, forecast, tolerance) => Support.SomePolicy.Settings(target, min, min + span, behavior, tolerance, forecast));

    private static readonly Gen<double?> GenLoad = Gen.Frequency((8, Gen.Double[0, 20_000].Select(v => (double?)v)), (1, Gen.Const((double?)null)));
    private static readonly Gen<double?> GenLatency = Gen.Frequency((8, Gen.Double[0.01, 2].Select(v => (double?)v)), (1, Gen.Const((double?)null)));

    /// <summary>A random history: a run of evaluations every 15 s with random loads, latencies and replica counts.</summary>
    private static readonly Gen<(PolicySettings Policy, EngineState State, int Current, int Ticks)> GenHistory =
        Gen.Select(GenPolicy, GenLoad.Array[0, 30], GenLatency.Array[0, 30], Gen.Int[1, 80])
            .Select((policy, loads, latencies, current) =>
            {
                var state = EngineState.Empty;
                var replicas = current;
                var n = Math.Min(loads.Length, latencies.Length);
                for (var i = 0; i < n; i++)
                {
                    var (d, s) = DecisionEngine.Decide(policy, Observe(loads[i], latencies[i], replicas), state, T0 + TimeSpan.FromSeconds(15 * i));
                    state = s;
                    replicas = d.DesiredReplicas;
                }
                return (policy, state, replicas, n);
            });

    private static string Json(EngineState state) => System.Text.Json.JsonSerializer.Serialize(state, SloScaler.Core.Policy.PolicyJson.Options);

    private static DateTimeOffset Next(int ticks) => T0 + TimeSpan.FromSeconds(15 * ticks);

    [Fact]
    public void Decide_AnyInput_StaysWithinMinMaxUnlessHoldingAnOutOfRangeCurrent() =>
        Gen.Select(GenHistory, GenLoad, GenLatency).Sample((h, load, latency) =>
        {
            var (d, _) = DecisionEngine.Decide(h.Policy, Observe(load, latency, h.Current), h.State, Next(h.Ticks));
            var inRange = d.DesiredReplicas >= h.Policy.MinReplicas && d.DesiredReplicas <= h.Policy.MaxReplicas;
            return inRange || (d.DesiredReplicas == h.Current && d.Result == DecisionResult.Held);
        }, iter: Iterations);

    [Fact]
    public void Decide_CurrentWithinBounds_ResultWithinMinMax() =>
        Gen.Select(GenPolicy, GenLoad, GenLatency, Gen.Int[0, 1000]).Sample((policy, load, latency, seed) =>
        {
            var current = policy.MinReplicas + (seed % (policy.MaxReplicas - policy.MinReplicas + 1));
            var (d, _) = DecisionEngine.Decide(policy, Observe(load, latency, current), EngineState.Empty, T0);
            return d.DesiredReplicas >= policy.MinReplicas && d.DesiredReplicas <= policy.MaxReplicas;
        }, iter: Iterations);

    [Fact]
    public void Decide_MoreLoad_NeverFewerReplicas() =>
        Gen.Select(GenHistory, Gen.Double[0, 20_000], Gen.Double[0, 20_000], Gen.Double[0.01, 2]).Sample((h, a, b, latency) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            var (dLow, _) = DecisionEngine.Decide(h.Policy, Observe(low, latency, h.Current), h.State, Next(h.Ticks));
            var (dHigh, _) = DecisionEngine.Decide(h.Policy, Observe(high, latency, h.Current), h.State, Next(h.Ticks));
            return dHigh.DesiredReplicas >= dLow.DesiredReplicas;
        }, iter: Iterations);

    [Fact]
    public void Decide_UnknownData_NeverScalesIn() =>
        Gen.Select(GenHistory, GenLoad, GenLatency, Gen.Bool).Sample((h, load, latency, loadUnknown) =>
        {
            var obs = Observe(loadUnknown ? null : load, loadUnknown ? latency : null, h.Current);
            var (d, _) = DecisionEngine.Decide(h.Policy, obs, h.State, Next(h.Ticks));
            return d.DesiredReplicas >= Math.Min(h.Current, h.Policy.MaxReplicas);
        }, iter: Iterations);

    [Fact]
    public void Decide_SloMissed_NeverScalesIn() =>
        Gen.Select(GenHistory, GenLoad, Gen.Double[0.2501, 5]).Sample((h, load, latency) =>
        {
            var (d, _) = DecisionEngine.Decide(h.Policy, Observe(load, latency, h.Current), h.State, Next(h.Ticks));
            return d.DesiredReplicas >= Math.Min(h.Current, h.Policy.MaxReplicas);
        }, iter: Iterations);

    [Fact]
    public void Decide_ScaleUp_NeverExceedsRatePolicies() =>
        Gen.Select(GenHistory, GenLoad, GenLatency).Sample((h, load, latency) =>
        {
            var now = Next(h.Ticks);
            var (d, _) = DecisionEngine.Decide(h.Policy, Observe(load, latency, h.Current), h.State, now);
            if (d.DesiredReplicas <= Math.Max(h.Current, h.Policy.MinReplicas)) return true;
            // Independently recompute the most the scale-up policies allow from the remembered events.
            var rules = h.Policy.Behavior.ScaleUp;
            if (rules.SelectPolicy == PolicySelection.Disabled) return false;
            var limits = rules.Policies.Select(p =>
            {
                var added = h.State.Behavior.ScaleUpEvents.Where(e => e.Time > now - p.Period).Sum(e => e.Replicas);
                var removed = h.State.Behavior.ScaleDownEvents.Where(e => e.Time > now - p.Period).Sum(e => e.Replicas);
                var start = h.Current - added + removed;
                return p.Type == RatePolicyType.Pods ? start + p.Value : (int)Math.Ceiling(start * (1 + (p.Value / 100.0)));
            }).ToList();
            var limit = rules.SelectPolicy == PolicySelection.Min ? limits.Min() : limits.Max();
            return d.DesiredReplicas <= Math.Max(limit, h.Policy.MinReplicas);
        }, iter: Iterations);

    [Fact]
    public void Decide_ScaleDown_WaitsForEveryHigherRecommendationInWindow() =>
        Gen.Select(GenHistory, Gen.Double[0, 20_000]).Sample((h, load) =>
        {
            var now = Next(h.Ticks);
            var (d, _) = DecisionEngine.Decide(h.Policy, Observe(load, 0.01, h.Current), h.State, now);
            if (d.DesiredReplicas >= h.Current) return true;
            // HPA semantics: after a scale-in the result is at least every recommendation newer than the window.
            var cutoff = now - h.Policy.Behavior.ScaleDown.StabilizationWindow;
            return h.State.Behavior.DownWindow.Where(r => r.Time > cutoff).All(r => d.DesiredReplicas >= Math.Min(r.Replicas, h.Current));
        }, iter: Iterations);

    [Fact]
    public void Decide_SameInputs_SameDecision() =>
        Gen.Select(GenHistory, GenLoad, GenLatency).Sample((h, load, latency) =>
        {
            var a = DecisionEngine.Decide(h.Policy, Observe(load, latency, h.Current), h.State, Next(h.Ticks));
            var b = DecisionEngine.Decide(h.Policy, Observe(load, latency, h.Current), h.State, Next(h.Ticks));
            return a.Decision.DesiredReplicas == b.Decision.DesiredReplicas && a.Decision.Reason == b.Decision.Reason
                && a.Decision.Stages.SequenceEqual(b.Decision.Stages) && Json(a.State) == Json(b.State);
        }, iter: 100);

    [Fact]
    public void Decide_LongRun_StateStaysBounded() =>
        GenPolicy.Sample(policy =>
        {
            var state = EngineState.Empty;
            var replicas = policy.MinReplicas;
            var rng = new Random(42);
            for (var i = 0; i < 500; i++)
            {
                var (d, s) = DecisionEngine.Decide(policy, Observe(rng.NextDouble() * 20_000, rng.NextDouble() * 0.5, replicas), state, T0 + TimeSpan.FromSeconds(15 * i));
                state = s;
                replicas = d.DesiredReplicas;
            }
            var b = state.Behavior;
            return b.DownWindow.Count <= 41 && b.UpWindow.Count <= 41 && b.ScaleUpEvents.Count <= 5 && b.ScaleDownEvents.Count <= 5
                // Load history: (trend window + rate window) / interval, both ends included.
                && state.LoadHistory.All(h => h.Samples.Count <= ((policy.Forecast.TrendWindow + policy.Slo.Window) / TimeSpan.FromSeconds(15)) + 1)
                && state.Attainment.Count <= 13;
        }, iter: 30);
}
