using System.Globalization;
using SloScaler.Core.Policy;
using SloScaler.Core.Validation;
using SloScaler.Simulation.Traces;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;

namespace SloScaler.Simulation.Verdicts;

/// <summary>One requirement of the quality bar: the measured value, the limit it is held to, and a sentence for people.</summary>
/// <param name="Name">Short and stable, for machines: <c>attainment</c>, <c>pod-hours-vs-oracle</c>…</param>
/// <param name="Met">Whether elastic met this requirement.</param>
/// <param name="Actual">Elastic's value, in the unit of <paramref name="Limit"/> (attainment as a fraction, times in seconds).</param>
/// <param name="Limit">The value it is held to (another strategy's, for the comparisons with HPA and manual-peak).</param>
/// <param name="Text">The requirement with the figures, e.g. <c>attainment 94.48% ≥ 99%</c>.</param>
public sealed record QualityCheck(string Name, bool Met, double Actual, double Limit, string Text);

/// <summary>How the elastic strategy fared against the quality bar on one scenario.</summary>
public sealed record QualityBarResult
{
    /// <summary>True when every check is met, false when one is missed, null when the scenario has no bar.</summary>
    public bool? Met { get; init; }

    public IReadOnlyList<QualityCheck> Checks { get; init; } = [];

    /// <summary>What the bar left out and why: an informational scenario, a check that does not apply.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public IEnumerable<QualityCheck> Missed => Checks.Where(c => !c.Met);
}

/// <summary>
/// The quality bar the <c>elastic</c> strategy is held to, per scenario, printed with every run:
/// <list type="bullet">
/// <item>every scenario: on or beyond the hindsight-tuned frontier, cost at equal SLO at most 1.00
/// against <c>hpa-tuned</c> and against <c>manual-tuned</c> (met outright when the tuned peer never
/// reaches elastic's attainment);</item>
/// <item>smooth load (diurnal, ramp, the real traces, the user's traces) also: at least 99 %
/// attainment wherever the oracle reaches 100 %, and pod-hours at most 1.25× the oracle's; real and
/// user traces also fewer pod-hours than manual sized for the peak;</item>
/// <item>flash-crowd also: the longest miss at most one replica start-up + two policy intervals + the
/// SLO window, and shorter than HPA's; pod-hours at most 1.25× the oracle's;</item>
/// <item>optimistic-capacity also: attainment above HPA's and the longest miss under 10 minutes;</item>
/// <item>noisy and spiky: the frontier only (the oracle answers every step's noise with foresight,
/// a bar no causal controller can be held to).</item>
/// </list>
/// Beyond the bar, the team's target: cost at equal SLO at most 0.80 against <c>hpa-tuned</c>
/// (<see cref="TeamTarget"/>).
/// </summary>
public static class QualityBar
{
    public const double MinAttainment = 0.99;
    public const double MaxPodHoursVsOracle = 1.25;
    public const double MaxCostAtEqualSlo = 1.00;
    public const double TeamTargetCostVsHpaTuned = 0.80;
    public static readonly TimeSpan MaxOptimisticViolation = TimeSpan.FromMinutes(10);

    private const string Elastic = StrategyNames.Elastic;
    private const string Hpa = StrategyNames.Hpa;
    private const string HpaTuned = StrategyNames.HpaTuned;
    private const string ManualPeak = StrategyNames.ManualPeak;
    private const string ManualTuned = StrategyNames.ManualTuned;
    private const string Oracle = StrategyNames.Oracle;

    private enum Kind { Smooth, FlashCrowd, OptimisticCapacity, Bursty }

    public static QualityBarResult Evaluate(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var kind = KindOf(result);
        string[] needed = kind switch
        {
            Kind.FlashCrowd => [Elastic, Hpa, Oracle],
            Kind.OptimisticCapacity => [Elastic, Hpa],
            Kind.Bursty => [Elastic],
            _ when result.Source == ScenarioSource.BuiltIn => [Elastic, Oracle],
            _ => [Elastic, Oracle, ManualPeak],
        };
        var missing = needed.Append(HpaTuned).Append(ManualTuned).Where(n => !result.Strategies.Any(s => s.Name == n)).ToList();
        if (missing.Count > 0) return new QualityBarResult { Notes = [$"not evaluated: no {string.Join(", ", missing)} result"] };

        var elastic = result[Elastic];
        var checks = new List<QualityCheck>();
        var notes = new List<string>();
        switch (kind)
        {
            case Kind.FlashCrowd:
                checks.Add(WithinReaction(result, elastic));
                checks.Add(ShorterMissThanHpa(elastic, result[Hpa]));
                checks.Add(CostVsOracle(elastic));
                break;
            case Kind.OptimisticCapacity:
                var hpa = result[Hpa];
                checks.Add(new QualityCheck("attainment-vs-hpa", elastic.Attainment > hpa.Attainment, elastic.Attainment, hpa.Attainment,
                    $"attainment {Percent(elastic.Attainment, hpa.Attainment)} > hpa {Percent(hpa.Attainment, elastic.Attainment)}"));
                var limit = MaxOptimisticViolation.TotalSeconds;
                checks.Add(new QualityCheck("longest-miss", elastic.LongestViolationSeconds < limit, elastic.LongestViolationSeconds, limit,
                    $"longest miss {Seconds(elastic.LongestViolationSeconds)} < {Seconds(limit)}"));
                break;
            case Kind.Bursty:
                notes.Add("judged against the hindsight-tuned peers, not the oracle");
                break;
            default:
                var oracle = result[Oracle];
                if (oracle.Attainment >= 1)
                {
                    checks.Add(new QualityCheck("attainment", elastic.Attainment >= MinAttainment, elastic.Attainment, MinAttainment,
                        $"attainment {Percent(elastic.Attainment, MinAttainment)} \u2265 {Number(MinAttainment * 100, "0.##")}%"));
                }
                else
                {
                    notes.Add($"attainment not checked: the oracle met the SLO only {Percent(oracle.Attainment, 1)} of the time");
                }

                checks.Add(CostVsOracle(elastic));
                if (result.Source != ScenarioSource.BuiltIn)
                {
                    var peak = result[ManualPeak];
                    checks.Add(new QualityCheck("pod-hours-vs-manual-peak", elastic.PodHours < peak.PodHours, elastic.PodHours, peak.PodHours,
                        $"pod-hours {Shown(elastic.PodHours, peak.PodHours, 1)} < manual-peak {Shown(peak.PodHours, elastic.PodHours, 1)}"));
                }

                break;
        }

        checks.Add(CostAtEqualSlo(result, HpaTuned, MaxCostAtEqualSlo, "cost-vs-hpa-tuned"));
        checks.Add(CostAtEqualSlo(result, ManualTuned, MaxCostAtEqualSlo, "cost-vs-manual-tuned"));
        return new QualityBarResult { Met = checks.All(c => c.Met), Checks = checks, Notes = notes };
    }

    /// <summary>
    /// The team's target beyond the bar: cost at equal SLO at most 0.80 against <c>hpa-tuned</c>
    /// (20 % cheaper than a hindsight-tuned HPA); null without an elastic and an hpa-tuned result.
    /// </summary>
    public static QualityCheck? TeamTarget(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Strategies.Any(s => s.Name == Elastic) && result.Strategies.Any(s => s.Name == HpaTuned)
            ? CostAtEqualSlo(result, HpaTuned, TeamTargetCostVsHpaTuned, "team-target-vs-hpa-tuned")
            : null;
    }

    /// <summary>
    /// Elastic's pod-hours ÷ the tuned peer's ≤ <paramref name="limit"/>; met outright when the peer,
    /// at its best, never reached elastic's attainment (elastic is then beyond the frontier).
    /// </summary>
    private static QualityCheck CostAtEqualSlo(ScenarioResult result, string peer, double limit, string name)
    {
        var elastic = result[Elastic];
        var tuned = result[peer];
        var ratio = result.CostAtEqualSlo(peer);
        if (tuned.Attainment < elastic.Attainment)
        {
            return new QualityCheck(name, true, ratio, limit,
                $"{peer} never reaches elastic's attainment (best {Percent(tuned.Attainment, elastic.Attainment)} < {Percent(elastic.Attainment, tuned.Attainment)})");
        }

        return new QualityCheck(name, ratio <= limit, ratio, limit,
            $"cost at equal SLO {Shown(ratio, limit, 2)}\u00d7 {peer} \u2264 {Number(limit, "0.00")}\u00d7");
    }

    /// <summary>
    /// The longest miss elastic can be held to after a step in load: a replica's start-up, two
    /// policy intervals (one to see the step, one to act on it) and the SLO window the p99 is read over.
    /// </summary>
    public static (TimeSpan Bound, string Explanation) ReactionBound(ServiceProfile service)
    {
        ArgumentNullException.ThrowIfNull(service);
        // The policy the elastic strategy runs, with the core's defaults applied: the interval and the window it really uses.
        var validation = PolicyValidator.Validate(ElasticController.PolicyFor(1, 10, service));
        var settings = validation.Settings ?? throw new InvalidOperationException("the simulated policy is invalid: " + validation.Summary);
        var bound = service.StartupTime + (2 * settings.Interval) + settings.Slo.Window;
        return (bound, $"startup {Seconds(service.StartupTime.TotalSeconds)} + 2 \u00d7 {Duration.Format(settings.Interval)} + {Duration.Format(settings.Slo.Window)} window");
    }

    private static Kind KindOf(ScenarioResult result) => result.Source != ScenarioSource.BuiltIn ? Kind.Smooth : result.Name switch
    {
        BuiltInTraces.FlashCrowdName => Kind.FlashCrowd,
        BuiltInTraces.OptimisticCapacityName => Kind.OptimisticCapacity,
        BuiltInTraces.SpikyName or BuiltInTraces.NoisyName => Kind.Bursty,
        _ => Kind.Smooth,
    };

    private static QualityCheck WithinReaction(ScenarioResult result, StrategyResult elastic)
    {
        var (bound, explanation) = ReactionBound(result.Service);
        var limit = bound.TotalSeconds;
        return new QualityCheck("longest-miss", elastic.LongestViolationSeconds <= limit, elastic.LongestViolationSeconds, limit,
            $"longest miss {Seconds(elastic.LongestViolationSeconds)} \u2264 {Seconds(limit)} ({explanation})");
    }

    private static QualityCheck ShorterMissThanHpa(StrategyResult elastic, StrategyResult hpa) =>
        new("longest-miss-vs-hpa", elastic.LongestViolationSeconds < hpa.LongestViolationSeconds, elastic.LongestViolationSeconds, hpa.LongestViolationSeconds,
            $"longest miss {Seconds(elastic.LongestViolationSeconds)} < hpa {Seconds(hpa.LongestViolationSeconds)}");

    private static QualityCheck CostVsOracle(StrategyResult elastic) =>
        new("pod-hours-vs-oracle", elastic.PodHoursVsOracle <= MaxPodHoursVsOracle, elastic.PodHoursVsOracle, MaxPodHoursVsOracle,
            $"pod-hours {Shown(elastic.PodHoursVsOracle, MaxPodHoursVsOracle, 2)}\u00d7 oracle \u2264 {Number(MaxPodHoursVsOracle, "0.##")}\u00d7");

    /// <summary>
    /// A fraction as a percentage with two decimals, like the tables, but see <see cref="Shown"/>; never
    /// 100.00% unless nothing was missed (more decimals until it no longer rounds up to 100).
    /// </summary>
    private static string Percent(double fraction, double other)
    {
        var text = Shown(fraction * 100, other * 100, 2);
        for (var places = 3; fraction < 1 && places <= 6 && double.Parse(text, CultureInfo.InvariantCulture) >= 100; places++)
            text = Math.Round(fraction * 100, places, MidpointRounding.ToZero).ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text + "%";
    }

    private static string Seconds(double seconds) => Number(seconds, "0.#") + "s";

    /// <summary>
    /// <paramref name="value"/> with <paramref name="decimals"/> decimals, or more where rounding would put it on
    /// the other side of <paramref name="other"/> (a miss at 98.996 % must not print as 99.00 %).
    /// </summary>
    private static string Shown(double value, double other, int decimals)
    {
        if (!double.IsFinite(value)) return "n/a";
        for (var places = decimals; ; places++)
        {
            var text = value.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (places >= 6 || !double.IsFinite(other) || Math.Sign(double.Parse(text, CultureInfo.InvariantCulture) - other) == Math.Sign(value - other)) return text;
        }
    }

    private static string Number(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
