using System.Globalization;
using SloScaler.Simulation.Queueing;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Benchmarks;

/// <summary>
/// A reference for the built-in <c>noisy</c> scenario: how far a controller gets that is told the
/// generator's equations and constants (<see cref="NoisyModel"/>) and sees every trace point that the loads
/// so far reveal, but nothing of the hidden state. Real controllers see less — a one-minute rate of the
/// same loads, a p99 that is a function of those loads and their own replicas, and no model of the traffic
/// — so what this one cannot reach, they can hardly be expected to. It is not a proof of a bound: its
/// decision rule (below) is a per-step trade, near-optimal rather than optimal, estimated by Monte Carlo,
/// and blind to the backlog a miss leaves.
/// <para>
/// What it sees: at decision step i the runner has shown every controller the loads of steps 0 … i − 1;
/// step j's load is the mean of trace points j and j + 1, so, given point 0, those loads are points
/// 0 … i exactly (point k = 2·load(k − 1) − point k − 1). The observer is handed points 0 … i, which is that
/// information and point 0.
/// </para>
/// <para>
/// What it infers: a Rao-Blackwellised particle filter. Each particle carries one history of the surge
/// process (offset, target, hold; sampled with the generator's own probabilities) and, given it, the
/// exact Gaussian posterior of the AR(1) log-level (a Kalman filter); a point weighs a particle by how
/// likely its log is under that particle, with the white noise's σ. So it knows, as well as the points
/// allow, whether a surge has started, how far it has climbed, and where the level is.
/// </para>
/// <para>
/// What it decides: it runs every particle forward (level, surge and noise drawn from the generator) to
/// a predictive distribution of each coming step's load, and for each step takes the replicas n that
/// minimise <c>n + λ·P(load &gt; n · capacity)</c>: a replica for a step against λ replica-steps for a missed
/// step, the trade-off that spends replicas where they buy the most attainment. A larger λ buys
/// attainment with pod-hours; sweeping it draws this controller's attainment-for-cost curve. Replica
/// timing is <see cref="PresentStateController"/>'s: a scale-up serves from i + start-up and covers that
/// step and the next; a scale-down keeps enough for every step until then.
/// </para>
/// <para>
/// Its start: the runner decides step 0 before any controller acts and gives elastic and hpa the replicas
/// step 0's load needs, which steps 1 … start-up still run on. <c>model-aware</c> starts the same, so it
/// answers "could elastic, in this harness, reach the bar?"; <c>model-aware+start</c> sizes its own start
/// for steps 0 … start-up + 1 from its posterior at point 0, as <see cref="PresentStateController"/> does.
/// </para>
/// </summary>
internal sealed class ModelAwareObserver
{
    private const double LevelDecay = NoisyModel.LevelDecay;
    private const double LevelSigma = NoisyModel.LevelSigma;
    private const double NoiseSigma = NoisyModel.NoiseSigma;
    private const int ResampleDivisor = 2;

    private readonly int[][][] _needs; // [λ index][decision step][horizon 0 … startup + 1]

    /// <param name="lambdas">The prices of a missed step, in replica-steps, to decide for.</param>
    /// <param name="particles">Particles in the filter.</param>
    /// <param name="paths">Forward paths drawn per particle for the predictive distribution.</param>
    public ModelAwareObserver(ScenarioSpec spec, NoisyTrace noisy, IReadOnlyList<double> lambdas, int particles = 4000, int paths = 2)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(noisy);
        ArgumentNullException.ThrowIfNull(lambdas);
        var service = spec.Service;
        Capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, ScenarioRunner.Quantile);
        StartupSteps = (int)Math.Ceiling(service.StartupTime / spec.Step);
        Steps = (int)(spec.Length.Ticks / spec.Step.Ticks);
        Lambdas = lambdas;
        // Step 0 is decided before any controller acts: the runner gives elastic and hpa the replicas the first
        // step's load needs at the declared target (the true capacity here), and so this observer the same.
        InitialReplicas = OracleController.Needed(spec.Load.RateAt(spec.Step / 2), Capacity);
        if (spec.Step != noisy.Trace.Step || spec.Load.Count != noisy.Trace.Count)
            throw new ArgumentException("the scenario's load must be the noisy trace point for point", nameof(spec));
        var horizon = StartupSteps + 2;
        var factor = spec.Load.Peak / noisy.Trace.Peak;
        var scale = factor / noisy.Peak; // point k in requests/s is exp(level + surge + noise) · scale
        var logs = spec.Load.Rps.Select(rps => Math.Log(rps / scale)).ToArray();

        _needs = lambdas.Select(_ => new int[Steps][]).ToArray();
        // Its own stream: the generator drew the trace from Random(spec.Seed).
        var random = new Random(unchecked((spec.Seed * 7919) + 104_729));
        var filter = new Particles(particles);
        var next = new Particles(particles);
        var draws = particles * paths;
        var loads = Enumerable.Range(0, horizon).Select(_ => new double[draws]).ToArray();
        var weights = Enumerable.Range(0, horizon).Select(_ => new double[draws]).ToArray();
        var point = new double[horizon + 1];
        double squaredError = 0;
        var assimilated = Math.Min(logs.Length, Steps);
        for (var k = 0; k < assimilated; k++)
        {
            Assimilate(filter, logs[k], random);
            var truth = noisy.States[k].Level + noisy.States[k].Surge;
            squaredError += Math.Pow(filter.PosteriorMean() - truth, 2);
            if (filter.EffectiveSize() < (double)particles / ResampleDivisor)
            {
                filter.ResampleInto(next, random);
                (filter, next) = (next, filter);
            }

            // Decision step i = k knows points 0 … k; step j's load is (point j + point j + 1) / 2.
            for (var p = 0; p < particles; p++)
            {
                for (var r = 0; r < paths; r++)
                {
                    var level = filter.Mean[p] + (Math.Sqrt(filter.Variance[p]) * Normal(random));
                    var surge = new NoisySurge(filter.Surge[p], filter.Target[p], filter.Hold[p]);
                    point[0] = Math.Exp(logs[k]);
                    for (var h = 1; h <= horizon; h++)
                    {
                        level = (LevelDecay * level) + (LevelSigma * Normal(random));
                        surge = surge.Next(random);
                        point[h] = Math.Exp(level + surge.Offset + (NoiseSigma * Normal(random)));
                    }

                    var d = (p * paths) + r;
                    for (var h = 0; h < horizon; h++)
                    {
                        // The last step has no next point: the runner's interpolation holds the last one.
                        loads[h][d] = k + h + 1 < logs.Length ? scale * 0.5 * (point[h] + point[h + 1]) : scale * point[h];
                        weights[h][d] = filter.Weight[p] / paths;
                    }
                }
            }

            for (var l = 0; l < lambdas.Count; l++) _needs[l][k] = new int[horizon];
            for (var h = 0; h < horizon; h++)
            {
                Array.Sort(loads[h], weights[h]);
                for (var l = 0; l < lambdas.Count; l++) _needs[l][k][h] = Cheapest(loads[h], weights[h], Capacity, lambdas[l]);
            }
        }

        TrackingError = Math.Sqrt(squaredError / assimilated);
    }

    /// <summary>
    /// How well the filter knew the present: the root mean square, over the points, of its posterior mean of
    /// level + surge minus the hidden truth (log units). Reading each point as it is would be off by the white
    /// noise, σ = <see cref="NoisyModel.NoiseSigma"/>.
    /// </summary>
    public double TrackingError { get; }

    public double Capacity { get; }

    public int StartupSteps { get; }

    public int Steps { get; }

    public IReadOnlyList<double> Lambdas { get; }

    public int InitialReplicas { get; }

    /// <summary>The replicas the observer's own start takes for <paramref name="lambdaIndex"/>: the most any step 0 … start-up + 1 needs, from point 0.</summary>
    public int OwnStart(int lambdaIndex) => _needs[lambdaIndex][0].Max();

    /// <summary>A controller deciding with the <paramref name="lambdaIndex"/>-th price of a missed step.</summary>
    public IScalingController Controller(int lambdaIndex, bool ownStart = false) => new Decider(this, lambdaIndex, ownStart);

    /// <summary>
    /// The replicas n minimising <c>n + λ·P(load &gt; n · capacity)</c> over the weighted samples sorted by load.
    /// </summary>
    private static int Cheapest(double[] sortedLoads, double[] weights, double capacity, double lambda)
    {
        var most = OracleController.Needed(sortedLoads[^1], capacity);
        int best = most, at = 0;
        double below = 0, bestCost = most;
        for (var n = 1; n <= most; n++)
        {
            while (at < sortedLoads.Length && sortedLoads[at] <= (capacity * n) + 1e-9) below += weights[at++];
            var cost = n + (lambda * Math.Max(0, 1 - below));
            if (cost < bestCost)
            {
                bestCost = cost;
                best = n;
            }
        }

        return best;
    }

    /// <summary>Moves every particle to the next point and weighs it by how likely <paramref name="y"/> (the point's log) is.</summary>
    private static void Assimilate(Particles filter, double y, Random random)
    {
        double total = 0;
        for (var p = 0; p < filter.Count; p++)
        {
            var prior = (LevelDecay * LevelDecay * filter.Variance[p]) + (LevelSigma * LevelSigma);
            var mean = LevelDecay * filter.Mean[p];
            var surge = new NoisySurge(filter.Surge[p], filter.Target[p], filter.Hold[p]).Next(random);
            (filter.Surge[p], filter.Target[p], filter.Hold[p]) = (surge.Offset, surge.Target, surge.Hold);
            var spread = prior + (NoiseSigma * NoiseSigma);
            var innovation = y - surge.Offset - mean;
            filter.Weight[p] *= Math.Exp(-0.5 * innovation * innovation / spread) / Math.Sqrt(spread);
            var gain = prior / spread;
            filter.Mean[p] = mean + (gain * innovation);
            filter.Variance[p] = (1 - gain) * prior;
            total += filter.Weight[p];
        }

        if (!(total > 0))
        {
            // No particle explains the point (cannot happen with Gaussian noise, but underflow can): start even.
            Array.Fill(filter.Weight, 1.0 / filter.Count);
            return;
        }

        for (var p = 0; p < filter.Count; p++) filter.Weight[p] /= total;
    }

    private static double Normal(Random random) => NoisyModel.Normal(random);

    /// <summary>The filter's particles, as columns; the log-level starts known at 0, as the generator's does.</summary>
    private sealed class Particles
    {
        public Particles(int count)
        {
            Count = count;
            Surge = new double[count];
            Target = new double[count];
            Hold = new int[count];
            Mean = new double[count];
            Variance = new double[count];
            Weight = new double[count];
            Array.Fill(Weight, 1.0 / count);
        }

        public int Count { get; }
        public double[] Surge { get; }
        public double[] Target { get; }
        public int[] Hold { get; }
        public double[] Mean { get; }
        public double[] Variance { get; }
        public double[] Weight { get; }

        public double PosteriorMean()
        {
            double sum = 0;
            for (var p = 0; p < Count; p++) sum += Weight[p] * (Mean[p] + Surge[p]);
            return sum;
        }

        public double EffectiveSize()
        {
            double sum = 0;
            foreach (var w in Weight) sum += w * w;
            return 1 / sum;
        }

        /// <summary>Systematic resampling into <paramref name="into"/>, which ends with even weights.</summary>
        public void ResampleInto(Particles into, Random random)
        {
            var u = random.NextDouble() / Count;
            var cumulative = Weight[0];
            var from = 0;
            for (var p = 0; p < Count; p++)
            {
                var mark = u + ((double)p / Count);
                while (mark > cumulative && from < Count - 1) cumulative += Weight[++from];
                into.Surge[p] = Surge[from];
                into.Target[p] = Target[from];
                into.Hold[p] = Hold[from];
                into.Mean[p] = Mean[from];
                into.Variance[p] = Variance[from];
            }

            Array.Fill(into.Weight, 1.0 / Count);
        }
    }

    /// <summary>One λ's controller, reading the needs the filter worked out.</summary>
    private sealed class Decider(ModelAwareObserver observer, int lambdaIndex, bool ownStart) : IScalingController
    {
        private readonly int[][] _needs = observer._needs[lambdaIndex];

        public string Name { get; } = string.Create(CultureInfo.InvariantCulture, $"{(ownStart ? "model-aware+start" : "model-aware")} λ={observer.Lambdas[lambdaIndex]}");

        public int InitialReplicas => ownStart ? observer.OwnStart(lambdaIndex) : observer.InitialReplicas;

        public string? LastReason { get; private set; }

        public int Decide(ControllerContext context)
        {
            var i = context.StepIndex;
            var up = MaxNeeded(i, i + observer.StartupSteps, i + observer.StartupSteps + 1);
            LastReason = string.Create(CultureInfo.InvariantCulture, $"posterior at step {i}: {up} replicas for steps {i + observer.StartupSteps}–{i + observer.StartupSteps + 1}");
            return up >= context.Requested ? up : Math.Min(context.Requested, MaxNeeded(i, i, i + observer.StartupSteps + 1));
        }

        private int MaxNeeded(int now, int first, int last)
        {
            var max = 1;
            for (var j = first; j <= Math.Min(last, observer.Steps - 1); j++) max = Math.Max(max, _needs[now][j - now]);
            return max;
        }
    }
}
