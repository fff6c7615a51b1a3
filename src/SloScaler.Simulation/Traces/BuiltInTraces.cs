namespace SloScaler.Simulation.Traces;

/// <summary>
/// Synthetic traces, deterministic (seeded where random), in units relative to peak = 1.0: scale
/// them to a service with <see cref="Trace.Scaled"/>. Default step 15 s (1 min for
/// <see cref="Diurnal"/>); <see cref="Trace.RateAt"/> interpolates between points.
/// </summary>
public static class BuiltInTraces
{
    public const string DiurnalName = "diurnal";
    public const string FlashCrowdName = "flash-crowd";
    public const string RampName = "ramp";
    public const string NoisyName = "noisy";
    public const string OptimisticCapacityName = "optimistic-capacity";
    public const string SpikyName = "spiky";

    private static readonly TimeSpan DefaultStep = TimeSpan.FromSeconds(15);

    public static IReadOnlyList<string> Names { get; } = [DiurnalName, FlashCrowdName, RampName, NoisyName, OptimisticCapacityName, SpikyName];

    /// <summary>
    /// Two days of a daily cycle: trough at ~04:00, a morning rise, a daytime plateau and an
    /// evening peak at ~20:00, then the night fall. Two harmonics of the hour of day h,
    /// −cos(2π(h − 5.25)/24) + 0.4·cos(4π(h − 9.5)/24), mapped onto [0.25, 1] (trough:peak = 1:4); smooth.
    /// </summary>
    public static Trace Diurnal(TimeSpan? step = null)
    {
        static double Raw(double t) =>
            -Math.Cos(2 * Math.PI * ((t / 3600) - 5.25) / 24) + (0.4 * Math.Cos(4 * Math.PI * ((t / 3600) - 9.5) / 24));
        var points = Sample(TimeSpan.FromDays(2), step ?? TimeSpan.FromMinutes(1), Raw);
        var (min, max) = (points.Min(), points.Max());
        return new Trace(DiurnalName, step ?? TimeSpan.FromMinutes(1), points.Select(p => 0.25 + (0.75 * (p - min) / (max - min))).ToArray());
    }

    /// <summary>Two hours at 0.1, except a 10× step to 1.0 from minute 40 to minute 60.</summary>
    public static Trace FlashCrowd(TimeSpan? step = null) =>
        Create(FlashCrowdName, TimeSpan.FromHours(2), step, t => t >= 2400 && t < 3600 ? 1.0 : 0.1);

    /// <summary>15 min at 0.125, a linear rise to 1.0 (8×) over an hour, 30 min hold, 30 min linear fall, 15 min at 0.125.</summary>
    public static Trace Ramp(TimeSpan? step = null) =>
        Create(RampName, TimeSpan.FromMinutes(150), step, t => 0.125 + (0.875 * Math.Clamp(Math.Min((t - 900) / 3600, (8100 - t) / 1800), 0, 1)));

    /// <summary>
    /// Four hours of bursty traffic (seeded): a slowly wandering level, ±10 % step-to-step noise, and
    /// surges to about 2× that build up over two minutes, hold for a few minutes and ebb — the way
    /// real surges look at 15 s resolution. Normalised to peak 1; the same seed gives the same trace.
    /// <see cref="NoisyWithState"/> gives the same trace with the hidden state behind each point.
    /// </summary>
    public static Trace Noisy(int seed = 1, TimeSpan? step = null) => NoisyWithState(seed, step).Trace;

    /// <summary>
    /// <see cref="Noisy"/> together with the hidden state that generated it, point by point. Per point,
    /// in this order: the log-level moves as an AR(1), <c>level = 0.98·level + 0.03·N</c>; the surge
    /// process counts its hold down, or ends a surge once the hold is spent (<c>target = 0</c>), or
    /// when idle starts one with probability 0.006 (<c>target = ln 2 + 0.15·N</c>,
    /// <c>hold = 12 + U[0, 16)</c> points); the surge moves towards its target by at most 0.06; and
    /// the point is <c>exp(level + surge + 0.1·N)</c>, before the division by the peak.
    /// </summary>
    public static NoisyTrace NoisyWithState(int seed = 1, TimeSpan? step = null)
    {
        var random = new Random(seed);
        double level = 0;
        var surge = NoisySurge.Idle;
        var states = new List<NoisyState>();
        var points = Sample(TimeSpan.FromHours(4), step ?? DefaultStep, _ =>
        {
            level = (NoisyModel.LevelDecay * level) + (NoisyModel.LevelSigma * NoisyModel.Normal(random));
            surge = surge.Next(random);
            var noise = NoisyModel.NoiseSigma * NoisyModel.Normal(random);
            states.Add(new NoisyState(level, surge.Offset, surge.Target, surge.Hold, noise));
            return Math.Exp(level + surge.Offset + noise);
        });
        var peak = points.Max();
        return new NoisyTrace(new Trace(NoisyName, step ?? DefaultStep, points.Select(p => p / peak).ToArray()), states, peak);
    }

    /// <summary>
    /// Spikes no reactive controller can meet: 3× bursts that land within one step and last about
    /// two and a half minutes. Shows the limits of reacting at all (not part of the quality bar).
    /// </summary>
    public static Trace Spiky(int seed = 1, TimeSpan? step = null)
    {
        var random = new Random(seed);
        double level = 0, burst = 1;
        var points = Sample(TimeSpan.FromHours(4), step ?? DefaultStep, _ =>
        {
            level = (0.98 * level) + (0.03 * Normal(random));
            burst = burst > 1
                ? (random.NextDouble() < 0.10 ? 1 : burst)
                : (random.NextDouble() < 0.01 ? Math.Exp(Math.Log(3) + (0.3 * Normal(random))) : 1);
            return Math.Exp(level + (0.1 * Normal(random))) * burst;
        });
        var peak = points.Max();
        return new Trace(SpikyName, step ?? DefaultStep, points.Select(p => p / peak).ToArray());
    }

    /// <summary>Six hours, one smooth diurnal-like hump: 0.3 at the ends, 1.0 at hour 3 (0.3 + 0.7·sin²(πt/6h)).</summary>
    public static Trace OptimisticCapacity(TimeSpan? step = null) =>
        Create(OptimisticCapacityName, TimeSpan.FromHours(6), step, t => 0.3 + (0.7 * Math.Pow(Math.Sin(Math.PI * t / 21_600), 2)));

    /// <summary>The built-in trace called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Trace? Find(string name, int seed = 1) => name.ToLowerInvariant() switch
    {
        DiurnalName => Diurnal(),
        FlashCrowdName => FlashCrowd(),
        RampName => Ramp(),
        NoisyName => Noisy(seed),
        OptimisticCapacityName => OptimisticCapacity(),
        SpikyName => Spiky(seed),
        _ => null,
    };

    private static Trace Create(string name, TimeSpan duration, TimeSpan? step, Func<double, double> rpsAtSeconds) =>
        new(name, step ?? DefaultStep, Sample(duration, step ?? DefaultStep, rpsAtSeconds));

    private static double[] Sample(TimeSpan duration, TimeSpan step, Func<double, double> rpsAtSeconds)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "the step must be positive");
        }

        var points = new double[(int)(duration.Ticks / step.Ticks)];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = rpsAtSeconds((step * i).TotalSeconds);
        }

        return points;
    }

    private static double Normal(Random random) => NoisyModel.Normal(random);
}

/// <summary>
/// The constants of <see cref="BuiltInTraces.Noisy"/>'s generator, for code that models it (the
/// benchmark's bound controllers) as well as the generator itself.
/// </summary>
public static class NoisyModel
{
    /// <summary>The log-level's AR(1) coefficient per point.</summary>
    public const double LevelDecay = 0.98;

    /// <summary>The standard deviation of the log-level's innovation per point.</summary>
    public const double LevelSigma = 0.03;

    /// <summary>The chance per idle point that a surge starts.</summary>
    public const double SurgeStartProbability = 0.006;

    /// <summary>The standard deviation of a surge's target around <see cref="SurgeUplift"/>.</summary>
    public const double SurgeUpliftSigma = 0.15;

    /// <summary>A surge holds its target for this many points plus <c>U[0, SurgeHoldSpread)</c>.</summary>
    public const int SurgeHoldMin = 12;

    public const int SurgeHoldSpread = 16;

    /// <summary>The most the surge's log-uplift moves towards its target per point.</summary>
    public const double SurgeRate = 0.06;

    /// <summary>The standard deviation of the per-point white noise (log).</summary>
    public const double NoiseSigma = 0.1;

    /// <summary>A surge's mean log-uplift: about 2×.</summary>
    public static readonly double SurgeUplift = Math.Log(2);

    /// <summary>A standard normal draw (Box–Muller, two uniforms), as the generator draws it.</summary>
    public static double Normal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}

/// <summary>
/// The noisy generator's surge process at one point: the log-uplift <paramref name="Offset"/>, the
/// <paramref name="Target"/> it moves towards, and the points the target still holds.
/// </summary>
public readonly record struct NoisySurge(double Offset, double Target, int Hold)
{
    public static NoisySurge Idle { get; }

    /// <summary>
    /// The next point, in the generator's order and with its draws: count the hold down, or end a surge once
    /// it is spent, or when idle start one with <see cref="NoisyModel.SurgeStartProbability"/>; then move the
    /// offset towards the target by at most <see cref="NoisyModel.SurgeRate"/>.
    /// </summary>
    public NoisySurge Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var (target, hold) = (Target, Hold);
        if (hold > 0) hold--;
        else if (target > 0) target = 0;
        else if (random.NextDouble() < NoisyModel.SurgeStartProbability)
        {
            target = NoisyModel.SurgeUplift + (NoisyModel.SurgeUpliftSigma * NoisyModel.Normal(random));
            hold = NoisyModel.SurgeHoldMin + random.Next(NoisyModel.SurgeHoldSpread);
        }

        return new NoisySurge(Offset + Math.Clamp(target - Offset, -NoisyModel.SurgeRate, NoisyModel.SurgeRate), target, hold);
    }
}

/// <summary>
/// The hidden state behind one point of <see cref="BuiltInTraces.Noisy"/>, after that point's update:
/// the point is <c>exp(Level + Surge + Noise) / peak</c>.
/// </summary>
/// <param name="Level">The slowly wandering log-level (AR(1), 0.98 per point, innovations σ 0.03).</param>
/// <param name="Surge">The surge's current log-uplift; it moves towards <paramref name="Target"/> by at most 0.06 per point.</param>
/// <param name="Target">Where the surge is heading: about ln 2 during a surge, 0 otherwise.</param>
/// <param name="Hold">Points the target still holds before it drops to 0 (0 when idle or ebbing).</param>
/// <param name="Noise">This point's white noise in log units (σ 0.1), independent of everything else.</param>
public sealed record NoisyState(double Level, double Surge, double Target, int Hold, double Noise);

/// <summary>
/// A <see cref="BuiltInTraces.Noisy"/> trace with its hidden <see cref="States"/>, one per point, and
/// the <see cref="Peak"/> (raw units) it was divided by: point i is <c>exp(States[i].Level +
/// States[i].Surge + States[i].Noise) / Peak</c>.
/// </summary>
public sealed record NoisyTrace(Trace Trace, IReadOnlyList<NoisyState> States, double Peak);
