using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Metrics;
using SloScaler.Simulation.Strategies;

namespace SloScaler.Simulation.Scenarios;

/// <summary>
/// Runs every strategy on the same scenario: the same load, the same service physics, each with
/// its own replicas and so its own latency and lagged Prometheus-like view.
/// </summary>
public static class ScenarioRunner
{
    public const double LatencyCapSeconds = 3600;
    public const double Quantile = 0.99;
    /// <summary>Points kept per chart series.</summary>
    public const int ChartPoints = 600;

    /// <summary>
    /// Runs every strategy of <see cref="StrategyNames.All"/> on <paramref name="spec"/>, reporting
    /// progress once after each (the hindsight-tuned peers after their whole search).
    /// </summary>
    public static ScenarioResult Run(ScenarioSpec spec, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var service = spec.Service;
        var capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, Quantile);
        var declared = capacity * spec.DeclaredCapacityFactor;
        var hpaTarget = spec.HpaTarget.Resolve(declared);
        var loads = StepLoads(spec);
        var steps = loads.Length;

        var peak = loads.Max();
        var median = loads.Order().ElementAt(steps / 2);
        var maxReplicas = spec.Policy?.MaxReplicas ?? Math.Max(10, OracleController.Needed(peak, capacity) * 3);
        var minReplicas = spec.Policy?.MinReplicas ?? 1;
        int Sized(double load) => OracleController.Needed(load, declared);

        var clock = new SimulationClock(SimulationClock.Epoch);
        var results = new List<StrategyResult>();
        void Add(StrategyResult result)
        {
            results.Add(result);
            progress?.Report((double)results.Count / StrategyNames.All.Count);
        }

        StrategyResult Hpa(double target, string name) =>
            RunOne(spec, new HpaReferenceController(target, minReplicas, maxReplicas, Math.Clamp(OracleController.Needed(loads[0], target), minReplicas, maxReplicas), clock, name), loads, clock)
                with { TargetPerReplica = target };
        StrategyResult Fixed(int replicas, string name) => RunOne(spec, new FixedController(name, replicas), loads, clock);

        var policy = spec.Policy is { } user ? ElasticController.PolicyFrom(user, declared, service) : ElasticController.PolicyFor(declared, maxReplicas, service);
        Add(RunOne(spec, new ElasticController(policy, Math.Clamp(Sized(loads[0]), minReplicas, maxReplicas), clock), loads, clock));
        var goal = results[0].Attainment;
        Add(Hpa(hpaTarget, StrategyNames.Hpa));
        var (hpaTuned, hpaTuning) = PeerTuning.TuneHpa(target => Hpa(target, StrategyNames.HpaTuned), declared, goal);
        Add(hpaTuned with { Tuning = hpaTuning });
        Add(Fixed(Sized(peak), StrategyNames.ManualPeak));
        Add(Fixed(Sized(median), StrategyNames.ManualMedian));
        var (manualTuned, manualTuning) = PeerTuning.TuneFixed(replicas => Fixed(replicas, StrategyNames.ManualTuned), maxReplicas, goal);
        Add(manualTuned with { Tuning = manualTuning });
        Add(RunOne(spec, Oracle(spec, loads, capacity), loads, clock));

        var oracle = results[^1];
        var stepSeconds = spec.Step.TotalSeconds;
        return new ScenarioResult
        {
            Name = spec.Name,
            DurationSeconds = steps * stepSeconds,
            StepSeconds = stepSeconds,
            ObjectiveSeconds = service.Objective.TotalSeconds,
            CapacityPerReplica = capacity,
            DeclaredTargetPerReplica = declared,
            HpaTargetPerReplica = hpaTarget,
            Load = loads,
            Strategies = results.Select(r => r with
            {
                PodHoursVsOracle = oracle.PodHours > 0 ? r.PodHours / oracle.PodHours : double.NaN,
                Elasticity = Elasticity.Measure(oracle.Ready, r.Ready, stepSeconds, r.ScaleEvents),
            }).ToList(),
            Service = service,
            Source = spec.Source,
            Seed = spec.Seed,
            ObservationNoise = spec.ObservationNoise,
        };
    }

    /// <summary>
    /// Runs one more <paramref name="controller"/> on <paramref name="spec"/> exactly as <see cref="Run"/>
    /// runs its own strategies (the same step loads, service physics, start-up delay, lagged view and
    /// metrics), with <see cref="StrategyResult.PodHoursVsOracle"/> against that scenario's oracle.
    /// </summary>
    /// <param name="spec">The scenario.</param>
    /// <param name="controller">The controller to run on it.</param>
    /// <param name="clock">
    /// The simulation clock the runner moves to each step before the controller decides; pass the one
    /// the controller reads, if it reads one.
    /// </param>
    public static StrategyResult RunController(ScenarioSpec spec, IScalingController controller, SimulationClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(controller);
        var service = spec.Service;
        var capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, Quantile);
        var loads = StepLoads(spec);
        clock ??= new SimulationClock(SimulationClock.Epoch);
        var result = RunOne(spec, controller, loads, clock);
        var oracle = RunOne(spec, Oracle(spec, loads, capacity), loads, clock);
        return result with
        {
            PodHoursVsOracle = oracle.PodHours > 0 ? result.PodHours / oracle.PodHours : double.NaN,
            Elasticity = Elasticity.Measure(oracle.Ready, result.Ready, spec.Step.TotalSeconds, result.ScaleEvents),
        };
    }

    /// <summary>Each step's load: the trace at mid-step.</summary>
    private static double[] StepLoads(ScenarioSpec spec)
    {
        var loads = new double[(int)(spec.Length.Ticks / spec.Step.Ticks)];
        for (var i = 0; i < loads.Length; i++) loads[i] = spec.Load.RateAt((spec.Step * i) + (spec.Step / 2));
        return loads;
    }

    private static OracleController Oracle(ScenarioSpec spec, double[] loads, double capacity) =>
        new(loads, capacity, (int)Math.Ceiling(spec.Service.StartupTime / spec.Step));

    private static StrategyResult RunOne(ScenarioSpec spec, IScalingController controller, double[] loads, SimulationClock clock)
    {
        var service = spec.Service;
        var cluster = new SimulatedCluster(service.StartupTime);
        cluster.Seed(controller.InitialReplicas);
        var view = new ObservedView(new ObservedViewOptions { Step = spec.Step, NoiseSigma = spec.ObservationNoise, NoiseSeed = spec.Seed });
        var state = ServiceState.Empty;
        var replicas = new int[loads.Length];
        var ready = new int[loads.Length];
        var steps = new StepResult[loads.Length];
        var backlogs = new double[loads.Length + 1];
        int events = 0, maxReplicas = 0;
        double podSeconds = 0;
        var changes = new List<ScaleChange>();
        for (var i = 0; i < loads.Length; i++)
        {
            var now = spec.Step * i;
            clock.Elapsed = now;
            if (i > 0)
            {
                var wanted = controller.Decide(new ControllerContext(now, i, view, cluster.Requested, cluster.ServingAt(now)));
                if (wanted != cluster.Requested)
                {
                    events++;
                    changes.Add(new ScaleChange(now.TotalSeconds, cluster.Requested, wanted, controller.LastReason));
                    cluster.Request(wanted, now);
                }
            }
            ready[i] = cluster.ServingAt(now);
            steps[i] = ServiceSimulator.Step(state, spec.Step, loads[i], ready[i], service.Workers, service.ServiceTime);
            state = steps[i].State;
            backlogs[i + 1] = state.Backlog;
            // What the controllers observe is recorded as the step ends, before the future is known.
            view.Record(now + spec.Step, steps[i]);
            replicas[i] = cluster.Requested;
            maxReplicas = Math.Max(maxReplicas, cluster.Requested);
            podSeconds += cluster.Requested * spec.Step.TotalSeconds;
        }

        var slo = Judge(spec, steps, ready, backlogs);
        return new StrategyResult
        {
            Name = controller.Name,
            Attainment = slo.Attainment,
            RequestAttainment = slo.RequestAttainment,
            LongestViolationSeconds = slo.LongestViolationSeconds,
            WorstLatencySeconds = slo.WorstLatencySeconds,
            PodHours = podSeconds / 3600,
            ScaleEvents = events,
            MaxReplicas = maxReplicas,
            Replicas = replicas,
            Ready = ready,
            P99 = slo.P99,
            Missed = slo.Missed,
            Changes = changes,
        };
    }

    private sealed record SloOutcome(double Attainment, double RequestAttainment, double LongestViolationSeconds, double WorstLatencySeconds, double[] P99, bool[] Missed);

    /// <summary>
    /// Each step's true latency against the objective, with every backlog's wait taken from the
    /// capacity that actually drains it (<see cref="BacklogDrain"/>), so that the worst p99 agrees with
    /// the longest miss.
    /// </summary>
    private static SloOutcome Judge(ScenarioSpec spec, StepResult[] steps, int[] ready, double[] backlogs)
    {
        var service = spec.Service;
        var objective = service.Objective.TotalSeconds;
        var perReplica = service.Workers / service.ServiceTime.TotalSeconds;
        var capacity = new double[ready.Length];
        for (var i = 0; i < ready.Length; i++) capacity[i] = ready[i] * perReplica;
        var drain = new BacklogDrain(capacity, spec.Step.TotalSeconds);
        var p99 = new double[steps.Length];
        var missed = new bool[steps.Length];
        var stride = Math.Max(1, steps.Length / ChartPoints);
        int met = 0, run = 0, longest = 0;
        double worst = 0, arrivals = 0, arrivalsWithin = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var latency = drain.Redrained(step.Latency, i, backlogs[i], backlogs[i + 1]);
            var over = latency.IsUnbounded ? 1 : latency.Survival(objective);
            var ok = step.Arrivals <= 0 || over <= 1 - Quantile + 1e-12;
            p99[i] = double.NaN;
            if (!ok || i % stride == 0 || (!latency.IsUnbounded && latency.Survival(worst) > 1 - Quantile))
            {
                p99[i] = step.Arrivals <= 0 ? 0 : latency.IsUnbounded ? LatencyCapSeconds : Math.Min(LatencyCapSeconds, latency.Quantile(Quantile));
                worst = Math.Max(worst, p99[i]);
            }
            arrivals += step.Arrivals;
            arrivalsWithin += step.Arrivals * (1 - over);
            missed[i] = !ok;
            met += ok ? 1 : 0;
            run = ok ? 0 : run + 1;
            longest = Math.Max(longest, run);
        }

        return new SloOutcome(
            steps.Length == 0 ? 1 : (double)met / steps.Length,
            arrivals > 0 ? Math.Clamp(arrivalsWithin / arrivals, 0, 1) : 1,
            longest * spec.Step.TotalSeconds,
            worst,
            p99,
            missed);
    }
}
