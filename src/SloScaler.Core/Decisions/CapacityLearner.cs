using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Decisions;

/// <summary>
/// Learns the effective per-replica capacity from what latency says, as a factor of the declared
/// targets. Evidence counts only when the latency window saw the current replicas, all ready:
/// <list type="bullet">
/// <item>A miss whose p99 is falling since the last evaluation is a backlog draining after a scale-out,
/// not evidence about capacity; the engine waits.</item>
/// <item>The objective is missed although the load-based sizing says the current replicas suffice:
/// the targets are too optimistic. The factor drops to the utilisation carried now, scaled by
/// <c>objective / p99</c> (kept within [<see cref="MinCorrection"/>, <see cref="MaxCorrection"/>]) so a large miss corrects fast.</item>
/// <item>A miss is evidence only once every reading has missed for a whole latency window, and a
/// near-miss (no more than <see cref="MissSignificance"/> over the objective) only once that has lasted
/// <see cref="NearMissWindows"/> windows. A p99 read from a histogram jitters: learning from single
/// readings let noise ratchet the factor down one reading at a time, and nothing brings it back up
/// while replicas are sized by it.</item>
/// <item>A miss that did not respond to a lower utilisation is not a capacity problem: once the
/// factor was lowered for a p99 at some utilisation, a miss as bad at a clearly lower utilisation
/// (within <see cref="NonResponseWindows"/> latency windows, or for as long as that miss lasts) leaves the factor alone; more replicas
/// did not help, so more would not either (a slow dependency, not the replicas).</item>
/// <item>A miss at a clearly lower utilisation than one that met the objective (every reading, for a
/// whole window) within the last <see cref="MetMemoryWindows"/> latency windows is not a capacity problem either,
/// unless it is a clear miss that has lasted <see cref="OverrideWindows"/> windows (the memory is
/// cleared when the factor is lowered: capacity may have changed).</item>
/// <item>The objective is met at a utilisation above the factor: replicas carried that much, so the
/// factor rises to it (never above the declared targets).</item>
/// <item>Replicas sized by a lowered factor never carry more than it, so that rule alone would keep a
/// factor lowered by a passing slowdown for good. So the factor is probed back up, by
/// <see cref="ProbeStep"/> at a time: when every reading has met the objective for <see cref="ProbeWindows"/>
/// latency windows and the factor has not changed in that time, the p99 has room to spare now and at the
/// reading before (at most <see cref="ProbeMargin"/> of the objective), and the replicas carry nearly what
/// the factor lets them (at least
/// <see cref="ProbeLoaded"/> of it; idle replicas say nothing about capacity). A probe stays
/// <see cref="ProbeCeiling"/> below the utilisation of the last miss that lowered the factor, for
/// <see cref="MissMemoryWindows"/> latency windows, so a service that keeps its p99 low right up to a
/// cliff is not walked back over it.</item>
/// </list>
/// </summary>
internal static class CapacityLearner
{
    /// <summary>The lowest factor: a twentieth of the declared targets; below that the targets are wrong, not optimistic.</summary>
    public const double MinFactor = 0.05;

    /// <summary>
    /// How long (in latency windows) after a miss the load explained a backlog may drain before a miss is blamed on
    /// capacity, counted from when the replicas added for it were all serving.
    /// </summary>
    public const int ExplainedMissWindows = 5;

    /// <summary>
    /// A utilisation (or a p99) below this fraction of another is clearly lower (a 5 % margin, chosen by hand,
    /// like <see cref="ProbeStep"/>): a reading's jitter does not make two equal loads differ.
    /// </summary>
    public const double ClearlyLower = 0.95;

    /// <summary>
    /// A lowering scales the utilisation by <c>objective / p99</c> at least this much: it never more than halves
    /// capacity in one step, however large the miss (a miss in the histogram's top bucket has no real p99).
    /// </summary>
    public const double MinCorrection = 0.5;

    /// <summary>
    /// A lowering scales the utilisation by <c>objective / p99</c> at most this much: even a near miss lowers
    /// capacity by 10 %, so it is not corrected one jitter-sized step at a time.
    /// </summary>
    public const double MaxCorrection = 0.9;

    /// <summary>
    /// Two evaluations follow each other when at most this many intervals apart: one late evaluation is jitter,
    /// a longer gap (unknown latency, a restart, a night without traffic) starts the streaks afresh.
    /// </summary>
    public const int ContinuousIntervals = 2;

    /// <summary>A miss teaches capacity only when the p99 is more than this fraction over the objective.</summary>
    public const double MissSignificance = 0.1;

    /// <summary>How long (in latency windows) a lowering is remembered to tell whether latency responded to it.</summary>
    public const int NonResponseWindows = 10;

    /// <summary>A miss no more than <see cref="MissSignificance"/> over the objective must last this many latency windows to teach capacity.</summary>
    public const int NearMissWindows = 5;

    /// <summary>How long (in latency windows) the highest utilisation that met the objective is remembered.</summary>
    public const int MetMemoryWindows = 30;

    /// <summary>A clear miss that lasts this many latency windows is a capacity problem whatever was met before (a slower release).</summary>
    public const int OverrideWindows = 3;

    /// <summary>How long (in latency windows) every reading must have met the objective, and the factor kept still, before a probe.</summary>
    public const int ProbeWindows = 10;

    /// <summary>A p99 at most this fraction of the objective has room to spare.</summary>
    public const double ProbeMargin = 0.8;

    /// <summary>A probe raises the factor by this fraction of itself.</summary>
    public const double ProbeStep = 0.05;

    /// <summary>A probe needs the replicas to carry at least this fraction of what the factor lets them.</summary>
    public const double ProbeLoaded = 0.8;

    /// <summary>A probe stays this fraction below the utilisation of the last miss that lowered the factor.</summary>
    public const double ProbeCeiling = 0.05;

    /// <summary>How long (in latency windows) the miss that last lowered the factor bounds probes: six hours at a one-minute window, longer at a longer one.</summary>
    public const int MissMemoryWindows = 360;

    /// <summary>The factor, whether it changed, what to say, the evidence when it was lowered, and the highest utilisation that met the objective.</summary>
    public sealed record Outcome(
        double Factor, bool Changed, CapacityEvidence? Lowered = null, CapacityEvidence? BestMet = null,
        string Reason = CapacityReasons.CapacityUnchanged, CapacityFacts? Facts = null)
    {
        /// <summary>The outcome in words, built from its reason and facts; null when there is nothing to say.</summary>
        public string? Note => Facts is { } f ? Describe(Reason, Factor, f) : null;
    }

    /// <summary>The numbers behind a capacity reason, for its prose.</summary>
    /// <param name="Utilisation">The utilisation (of the declared targets) the replicas carried.</param>
    /// <param name="Latency">The p99 now, in seconds.</param>
    /// <param name="Objective">The objective, in seconds.</param>
    /// <param name="Compared">The evidence compared with: the met at a higher load, or the lowering that did not help.</param>
    /// <param name="Since">How long the objective has been met (for a probe) or since the compared met.</param>
    /// <param name="Previous">The p99 at the evaluation before (for a probe).</param>
    public sealed record CapacityFacts(double Utilisation, double Latency, double Objective, CapacityEvidence? Compared = null, TimeSpan Since = default, double Previous = 0);

    /// <summary>Capacity reasons in words.</summary>
    private static string? Describe(string reason, double factor, CapacityFacts f)
    {
        var at = $"at {Fmt.Percent(f.Utilisation)} of target per replica";
        return reason switch
        {
            CapacityReasons.MetAtHigherLoad when f.Compared is { } met =>
                $"p99 {Fmt.Latency(f.Latency)} {at}, but met at {Fmt.Percent(met.Utilisation)} {Fmt.Duration(f.Since)} ago: "
                + $"not a capacity problem, capacity stays {Fmt.Percent(factor)} of target",
            CapacityReasons.LoweringDidNotHelp when f.Compared is { } last =>
                $"p99 {Fmt.Latency(f.Latency)} {at} did not improve on {Fmt.Latency(last.Latency)} at {Fmt.Percent(last.Utilisation)}: "
                + $"not a capacity problem, capacity stays {Fmt.Percent(factor)} of target",
            CapacityReasons.CapacityLowered =>
                $"p99 {Fmt.Latency(f.Latency)} > {Fmt.Latency(f.Objective)} {at}: capacity learned {Fmt.Percent(factor)} of target",
            CapacityReasons.CapacityRaised =>
                $"p99 {Fmt.Latency(f.Latency)} met {at}: capacity raised to {Fmt.Percent(factor)} of target",
            CapacityReasons.CapacityProbed =>
                $"objective met for {Fmt.Duration(f.Since)}, p99 {Fmt.Latency(f.Latency)} and {Fmt.Latency(f.Previous)} before it at most {Fmt.Percent(ProbeMargin)} of it, "
                + $"{at}: capacity probed up to {Fmt.Percent(factor)} of target",
            _ => null,
        };
    }

    /// <summary>
    /// The evidence the learner may use now: streaks of misses and mets, and the last latency, hold only across
    /// evaluations that follow each other (<see cref="ContinuousIntervals"/>).
    /// </summary>
    public static EngineState Evidence(PolicySettings policy, EngineState state, DateTimeOffset now) =>
        Follows(state.LastEvaluationTime, now, policy.Interval)
            ? state
            : state with { MissingSince = null, MeetingSince = null, LastLatency = null };

    /// <summary>Whether an evaluation at <paramref name="now"/> follows the one at <paramref name="last"/> without a gap.</summary>
    public static bool Follows(DateTimeOffset? last, DateTimeOffset now, TimeSpan interval) =>
        last is { } previous && now - previous <= interval * ContinuousIntervals;

    /// <summary>
    /// The learner's state after this evaluation: the factor, the streaks of misses and mets, the last latency and
    /// the evidence it keeps (the last lowering, the miss that bounds probes, the highest utilisation met).
    /// </summary>
    /// <param name="next">The engine's new state, as the other stages left it.</param>
    /// <param name="evidence">What <see cref="Evidence"/> let the learner use this evaluation.</param>
    /// <param name="capacity">What <see cref="Learn"/> made of it.</param>
    /// <param name="latency">The tail latency seen now; null when unknown.</param>
    /// <param name="objective">The latency objective, in seconds.</param>
    /// <param name="sized">The load-based replicas; null when the load is unknown.</param>
    /// <param name="current">The current replicas.</param>
    /// <param name="now">The time of this decision.</param>
    public static EngineState Remember(
        EngineState next, EngineState evidence, Outcome capacity, double? latency, double objective, int? sized, int current, DateTimeOffset now)
    {
        bool? sloMet = latency is null ? null : latency <= objective;
        return next with
        {
            CapacityFactor = capacity.Factor,
            CapacityLearnedAt = capacity.Changed ? now : next.CapacityLearnedAt,
            LastLatency = latency,
            // A miss the load explains (it asked for more replicas than there were) leaves a backlog to drain.
            LastExplainedMiss = sloMet == false && sized > current ? now : sloMet == true ? null : next.LastExplainedMiss,
            MissingSince = sloMet == false ? evidence.MissingSince ?? now : null,
            MeetingSince = sloMet == true ? evidence.MeetingSince ?? now : null,
            LastLowered = capacity.Lowered ?? (capacity.Changed ? null : next.LastLowered),
            MissedAt = capacity.Lowered ?? next.MissedAt,
            BestMet = capacity.Lowered is null ? capacity.BestMet : null,
        };
    }

    public static Outcome Learn(PolicySettings policy, Observation observation, EngineState state, DateTimeOffset now)
    {
        var factor = Math.Clamp(state.CapacityFactor, MinFactor, 1.0);
        var bestMet = state.BestMet is { } remembered && now - remembered.Time < policy.Slo.Window * MetMemoryWindows ? remembered : null;
        var unchanged = new Outcome(factor, false, BestMet: bestMet);
        if (observation.Latency.KnownValue is not { } latency) return unchanged;
        var ready = observation.ReadyReplicas ?? observation.CurrentReplicas;
        if (ready <= 0 || ready != observation.CurrentReplicas) return unchanged;
        if (state.StableSince is not { } since || now - since < policy.Slo.Window) return unchanged;

        // The parameter that loads the replicas most, relative to its declared target.
        double utilisation = 0;
        foreach (var parameter in policy.LoadParameters.Each())
        {
            if (observation.LoadOf(parameter.Name)?.KnownValue is { } value)
                utilisation = Math.Max(utilisation, value / (parameter.TargetPerReplica * ready));
        }
        if (utilisation <= 0) return unchanged;

        var objective = policy.Slo.Objective.TotalSeconds;
        // Like a miss, a met counts once every reading has met the objective for a whole window.
        if (latency <= objective && state.MeetingSince is { } meeting && now - meeting >= policy.Slo.Window
            && (bestMet is null || utilisation >= bestMet.Utilisation))
            unchanged = unchanged with { BestMet = new CapacityEvidence(utilisation, latency, now) };
        var reading = new Reading(policy, observation, state, now, factor, utilisation, latency, objective, since);
        if (latency > objective) return Miss(reading, unchanged, bestMet);
        if (Raise(reading, unchanged) is { } raised) return raised;
        return Probe(policy, state, factor, utilisation, latency, now) is { } probed ? probed with { BestMet = unchanged.BestMet } : unchanged;
    }

    /// <summary>What one evaluation says about capacity: the factor now, the utilisation carried and the p99 seen.</summary>
    private sealed record Reading(
        PolicySettings Policy, Observation Observation, EngineState State, DateTimeOffset Now,
        double Factor, double Utilisation, double Latency, double Objective, DateTimeOffset StableSince)
    {
        public TimeSpan Window => Policy.Slo.Window;

        /// <summary>More than <see cref="MissSignificance"/> over the objective: not a near miss.</summary>
        public bool ClearMiss => Latency > Objective * (1 + MissSignificance);
    }

    /// <summary>A miss: the rules that tell a capacity problem from everything else, in order, then the lowering.</summary>
    private static Outcome Miss(Reading r, Outcome unchanged, CapacityEvidence? bestMet)
    {
        if (LoadExplainsMiss(r)) return unchanged;
        if (!MissPersists(r)) return unchanged;
        if (BacklogDraining(r)) return unchanged;
        if (MissLastingSince(r) is not { } missing) return unchanged;
        if (MetAtHigherLoad(r, bestMet, missing))
            return unchanged with { Reason = CapacityReasons.MetAtHigherLoad, Facts = new CapacityFacts(r.Utilisation, r.Latency, r.Objective, bestMet, r.Now - bestMet!.Time) };
        if (LoweringDidNotHelp(r, missing) is { } last)
            return unchanged with { Reason = CapacityReasons.LoweringDidNotHelp, Facts = new CapacityFacts(r.Utilisation, r.Latency, r.Objective, last) };
        return Lower(r) ?? unchanged;
    }

    /// <summary>Protects against blaming capacity for a miss the load explains: it asks for more replicas than there are.</summary>
    private static bool LoadExplainsMiss(Reading r) =>
        LoadSizer.Recommend(r.Policy, r.Observation, r.Factor) is not { } sized || sized > r.Observation.CurrentReplicas;

    /// <summary>
    /// Protects against learning from one miss (a burst averaged away by the rate window still shows in the p99) and
    /// from a falling p99 (a backlog draining after a scale-out): only a miss that persists and holds counts.
    /// </summary>
    private static bool MissPersists(Reading r) =>
        r.State.LastLatency is { } previous && previous > r.Objective && r.Latency >= previous;

    /// <summary>
    /// Protects against blaming capacity for the backlog a miss the load explained left behind: its p99 can sit at the
    /// histogram's top bucket while it drains, so it gets <see cref="ExplainedMissWindows"/> windows, counted from when
    /// the replicas added for it were all serving (slow-starting replicas let a bigger backlog build).
    /// </summary>
    private static bool BacklogDraining(Reading r) =>
        r.State.LastExplainedMiss is { } explained && r.Now - Later(explained, r.StableSince) < r.Window * ExplainedMissWindows;

    /// <summary>
    /// Protects against histogram jitter: a miss counts once every reading has missed for a whole window, a near miss
    /// only after <see cref="NearMissWindows"/>. Since when the miss has lasted, or null while it is too short.
    /// </summary>
    private static DateTimeOffset? MissLastingSince(Reading r)
    {
        var needed = r.ClearMiss ? r.Window : r.Window * NearMissWindows;
        return r.State.MissingSince is { } missing && r.Now - missing >= needed ? missing : null;
    }

    /// <summary>
    /// Protects against blaming the replicas for a miss at a clearly lower load than one they met not long ago,
    /// unless it is a clear miss that has lasted <see cref="OverrideWindows"/> windows (capacity changed: a slower release).
    /// </summary>
    private static bool MetAtHigherLoad(Reading r, CapacityEvidence? bestMet, DateTimeOffset missing)
    {
        var clearAndLasting = r.ClearMiss && r.Now - missing >= r.Window * OverrideWindows;
        return bestMet is not null && r.Utilisation < bestMet.Utilisation * ClearlyLower && !clearAndLasting;
    }

    /// <summary>
    /// Protects against lowering again when a lowering did not help (a slow dependency, not the replicas): remembered
    /// for <see cref="NonResponseWindows"/> windows, and for as long as the miss it was made for lasts.
    /// </summary>
    private static CapacityEvidence? LoweringDidNotHelp(Reading r, DateTimeOffset missing) =>
        r.State.LastLowered is { } last && (r.Now - last.Time < r.Window * NonResponseWindows || missing <= last.Time)
        && r.Utilisation < last.Utilisation * ClearlyLower && r.Latency >= last.Latency * ClearlyLower
            ? last
            : null;

    /// <summary>
    /// The lowering: the utilisation carried now, scaled by <c>objective / p99</c> within
    /// [<see cref="MinCorrection"/>, <see cref="MaxCorrection"/>]; null when that is no lower.
    /// </summary>
    private static Outcome? Lower(Reading r)
    {
        var learned = Math.Max(MinFactor, r.Utilisation * Math.Clamp(r.Objective / r.Latency, MinCorrection, MaxCorrection));
        if (learned >= r.Factor) return null;
        return new Outcome(learned, true, new CapacityEvidence(r.Utilisation, r.Latency, r.Now),
            Reason: CapacityReasons.CapacityLowered, Facts: new CapacityFacts(r.Utilisation, r.Latency, r.Objective));
    }

    /// <summary>Protects against a factor lowered for good: met at a utilisation above it, the factor rises to it (never above the targets).</summary>
    private static Outcome? Raise(Reading r, Outcome unchanged)
    {
        if (!(r.Utilisation > r.Factor && r.Factor < 1.0)) return null;
        var learned = Math.Min(1.0, r.Utilisation);
        return new Outcome(learned, true, BestMet: unchanged.BestMet,
            Reason: CapacityReasons.CapacityRaised, Facts: new CapacityFacts(r.Utilisation, r.Latency, r.Objective));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>
    /// A lowered factor probed back up: the objective met for <see cref="ProbeWindows"/> windows since the factor
    /// last changed, with room to spare at this reading and the one before, at nearly the factor's load.
    /// </summary>
    private static Outcome? Probe(PolicySettings policy, EngineState state, double factor, double utilisation, double latency, DateTimeOffset now)
    {
        var window = policy.Slo.Window;
        var objective = policy.Slo.Objective.TotalSeconds;
        var spare = objective * ProbeMargin;
        if (factor >= 1.0 || latency > spare || state.LastLatency is not { } previous || previous > spare || utilisation < factor * ProbeLoaded) return null;
        var quiet = window * ProbeWindows;
        if (state.MeetingSince is not { } meeting || now - meeting < quiet) return null;
        if (state.CapacityLearnedAt is { } learnedAt && now - learnedAt < quiet) return null;
        // A status written before MissedAt existed still has the last lowering, until a raise clears it.
        var ceiling = (state.MissedAt ?? state.LastLowered) is { } missed && now - missed.Time < window * MissMemoryWindows
            ? missed.Utilisation * (1 - ProbeCeiling)
            : 1.0;
        var probed = Math.Min(Math.Min(1.0, ceiling), factor * (1 + ProbeStep));
        if (!(probed > factor)) return null;
        return new Outcome(probed, true,
            Reason: CapacityReasons.CapacityProbed, Facts: new CapacityFacts(utilisation, latency, objective, Since: now - meeting, Previous: previous));
    }
}
