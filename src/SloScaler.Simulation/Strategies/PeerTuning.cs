using SloScaler.Simulation.Scenarios;

namespace SloScaler.Simulation.Strategies;

/// <summary>
/// Tunes the peers with hindsight on the trace itself, each candidate a full run: the cheapest
/// setting that reaches at least a goal attainment (elastic's on the same trace).
/// </summary>
public static class PeerTuning
{
    /// <summary>The HPA targets searched: from this fraction of the declared target…</summary>
    public const double LowestFraction = 0.1;

    /// <summary>…to the declared target, first on a grid of this step (10 %, 32.5 %, 55 %, 77.5 %, 100 %)…</summary>
    public const double GridStep = 0.225;

    /// <summary>…then by this many halvings between the highest grid target that reaches the goal and the next (≈ 0.35 % of the declared target).</summary>
    public const int RefineSteps = 6;

    /// <summary>
    /// The HPA target (a fraction of <paramref name="declared"/> between 10 % and 100 %) whose run
    /// reaches <paramref name="goal"/> at the fewest pod-hours; when none reaches it, the run with the
    /// best attainment (then the fewest pod-hours). A coarse grid first, so that a response that is not
    /// monotone in the target is not bisected blindly, then bisection above the highest grid target that
    /// reaches the goal: 11 runs, which keeps a week's simulation within its time budget.
    /// </summary>
    public static (StrategyResult Result, TuningOutcome Outcome) TuneHpa(Func<double, StrategyResult> run, double declared, double goal)
    {
        ArgumentNullException.ThrowIfNull(run);
        var tried = new List<(double Fraction, StrategyResult Result)>();
        StrategyResult Try(double fraction)
        {
            var result = run(fraction * declared);
            tried.Add((fraction, result));
            return result;
        }

        var points = (int)Math.Round((1 - LowestFraction) / GridStep);
        for (var k = 0; k <= points; k++) Try(LowestFraction + (k * GridStep));
        var reaching = tried.Where(t => Reaches(t.Result, goal)).ToList();
        if (reaching.Count > 0)
        {
            var lo = reaching.Max(t => t.Fraction);
            var hi = lo + GridStep;
            for (var i = 0; i < RefineSteps && lo < 1 - 1e-9; i++)
            {
                var mid = Math.Min(1, 0.5 * (lo + hi));
                if (Reaches(Try(mid), goal)) lo = mid;
                else hi = mid;
            }
        }

        var (fraction, best) = Choose(tried, goal);
        var target = fraction * declared;
        return (best with { TargetPerReplica = target }, new TuningOutcome(goal, Reaches(best, goal), tried.Count, target, fraction));
    }

    /// <summary>
    /// The fewest fixed replicas in [1, <paramref name="maxReplicas"/>] whose run reaches
    /// <paramref name="goal"/>, by bisection (more replicas never serve worse); when even
    /// <paramref name="maxReplicas"/> does not reach it, that run.
    /// </summary>
    public static (StrategyResult Result, TuningOutcome Outcome) TuneFixed(Func<int, StrategyResult> run, int maxReplicas, double goal)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxReplicas, 1);
        var tried = new Dictionary<int, StrategyResult>();
        StrategyResult Try(int replicas)
        {
            if (!tried.TryGetValue(replicas, out var result)) tried[replicas] = result = run(replicas);
            return result;
        }

        if (!Reaches(Try(maxReplicas), goal)) return (tried[maxReplicas], new TuningOutcome(goal, false, tried.Count, maxReplicas));
        int lo = 0, hi = maxReplicas; // lo misses (or is 0), hi reaches
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            if (Reaches(Try(mid), goal)) hi = mid;
            else lo = mid;
        }

        return (tried[hi], new TuningOutcome(goal, true, tried.Count, hi));
    }

    /// <summary>Whether <paramref name="result"/>'s step attainment is at least <paramref name="goal"/> (to rounding).</summary>
    public static bool Reaches(StrategyResult result, double goal)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Attainment >= goal - 1e-12;
    }

    private static (double Fraction, StrategyResult Result) Choose(List<(double Fraction, StrategyResult Result)> tried, double goal)
    {
        var reaching = tried.Where(t => Reaches(t.Result, goal)).ToList();
        return reaching.Count > 0
            ? reaching.OrderBy(t => t.Result.PodHours).ThenByDescending(t => t.Fraction).First()
            : tried.OrderByDescending(t => t.Result.Attainment).ThenBy(t => t.Result.PodHours).ThenByDescending(t => t.Fraction).First();
    }
}
