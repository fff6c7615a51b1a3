using System.Globalization;
using CsCheck;
using SloScaler.Core.Behavior;

namespace SloScaler.Core.Tests.Support;

/// <summary>
/// Test data for the behavior stages and the HPA reference, written the way HPA's tests write it:
/// rules as "4 pods/60s, 10%/60s, window 300s, Min" and histories as "4@-120 5@-60"
/// (replicas @ seconds relative to <see cref="T0"/>).
/// </summary>
internal static class SomeBehavior
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static RatePolicy Pods(int value, double periodSeconds) => new(RatePolicyType.Pods, value, TimeSpan.FromSeconds(periodSeconds));

    public static RatePolicy Percent(int value, double periodSeconds) => new(RatePolicyType.Percent, value, TimeSpan.FromSeconds(periodSeconds));

    public static ScalingRules Rules(double windowSeconds, PolicySelection select, params RatePolicy[] policies) =>
        new(TimeSpan.FromSeconds(windowSeconds), select, policies);

    /// <summary>
    /// Parses "4 pods/60s, 10%/60s, window 300s, Min"; null or empty gives <paramref name="fallback"/>.
    /// Unstated parts are a zero window and Max, like HPA's test helper <c>generateScalingRules</c>.
    /// </summary>
    public static ScalingRules Rules(string? text, ScalingRules fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        var window = 0.0;
        var select = PolicySelection.Max;
        var policies = new List<RatePolicy>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (Enum.TryParse<PolicySelection>(part, out var s)) select = s;
            else if (part.StartsWith("window ", StringComparison.Ordinal)) window = Seconds(part["window ".Length..]);
            else
            {
                var (amount, period) = (part[..part.IndexOf('/', StringComparison.Ordinal)], Seconds(part[(part.IndexOf('/', StringComparison.Ordinal) + 1)..]));
                policies.Add(amount.EndsWith('%')
                    ? Percent(Int(amount.TrimEnd('%')), period)
                    : Pods(Int(amount.Replace("pods", "", StringComparison.Ordinal).Trim()), period));
            }
        }
        return new ScalingRules(TimeSpan.FromSeconds(window), select, policies);
    }

    public static ScalingBehavior BehaviorOf(string? up = null, string? down = null) =>
        new(Rules(up, ScalingRules.DefaultScaleUp), Rules(down, ScalingRules.DefaultScaleDown));

    /// <summary>HPA's default policies with the given stabilization windows.</summary>
    public static ScalingBehavior Windows(double upSeconds, double downSeconds) => new(
        ScalingRules.DefaultScaleUp with { StabilizationWindow = TimeSpan.FromSeconds(upSeconds) },
        ScalingRules.DefaultScaleDown with { StabilizationWindow = TimeSpan.FromSeconds(downSeconds) });

    /// <summary>Parses "4@-120 5@-60" into replicas at seconds relative to <see cref="T0"/>, in the order written.</summary>
    public static TimedReplicas[] History(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Split('@'))
            .Select(pair => new TimedReplicas(At(double.Parse(pair[1], CultureInfo.InvariantCulture)), Int(pair[0])))
            .ToArray();

    /// <summary>
    /// HPA's <c>generateEventsUniformDistribution</c>: "1,5,9/120s" puts the changes at the centres
    /// of equal segments of the last 120 s before <paramref name="now"/> (here −100, −60 and −20 s).
    /// </summary>
    public static TimedReplicas[] Uniform(string? text, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var changes = text[..text.IndexOf('/', StringComparison.Ordinal)].Split(',').Select(Int).ToArray();
        var period = Seconds(text[(text.IndexOf('/', StringComparison.Ordinal) + 1)..]);
        var segment = period / changes.Length;
        return changes.Select((change, i) => new TimedReplicas(now.AddSeconds(-(period - segment * (i + 1) + segment / 2)), change)).ToArray();
    }

    /// <summary>A compact state built by replaying recommendations in time order.</summary>
    public static BehaviorState Replayed(ScalingBehavior behavior, IEnumerable<TimedReplicas> recommendations) =>
        recommendations.OrderBy(r => r.Time).Aggregate(BehaviorState.Empty,
            (state, r) => Stabilization.Apply(r.Replicas, r.Replicas, behavior, state, r.Time).State);

    /// <summary>Random rules for one direction: a window of 0–300 s, a selection, and one to three policies.</summary>
    public static Gen<ScalingRules> GenRules(bool scalingUp, params int[] periods) =>
        Gen.Select(
                Gen.Int[0, 20],
                Gen.FrequencyConst((4, PolicySelection.Max), (3, PolicySelection.Min), (1, PolicySelection.Disabled)),
                GenPolicy(scalingUp, periods.Length == 0 ? [15, 30, 60, 120] : periods).Array[1, 3])
            .Select((window, select, policies) => new ScalingRules(TimeSpan.FromSeconds(15 * window), select, policies));

    public static Gen<RatePolicy> GenPolicy(bool scalingUp, int[] periods) =>
        Gen.Select(Gen.Bool, Gen.Int[1, 10], Gen.Int[1, scalingUp ? 300 : 100], Gen.OneOfConst(periods))
            .Select((pods, count, percent, period) => pods ? Pods(count, period) : Percent(percent, period));

    public static Gen<ScalingBehavior> GenBehavior { get; } =
        Gen.Select(GenRules(scalingUp: true), GenRules(scalingUp: false)).Select((up, down) => new ScalingBehavior(up, down));

    private static double Seconds(string text) => double.Parse(text.Trim().TrimEnd('s'), CultureInfo.InvariantCulture);

    private static int Int(string text) => int.Parse(text.Trim(), CultureInfo.InvariantCulture);
}
