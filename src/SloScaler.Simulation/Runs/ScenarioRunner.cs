using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Runs;

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

    public static ScenarioResult Run(ScenarioSpec spec, IProgress<double>? progress = null)
    {
        var service = spec.Service;
        var capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, Quantile);
        var declared = capacity * spec.DeclaredCapacityFactor;
        var loads = StepLoads(spec);
        var steps = loads.Length;

        var peak = loads.Max();
        var median = loads.Order().ElementAt(steps / 2);
        var maxReplicas = Math.Max(10, OracleController.Needed(peak, capacity) * 3);
        int Sized(double load) => OracleController.Needed(load, declared);

        var clock = new SimulationClock(SimulationClock.Epoch);
        var controllers = new IScalingController[]
        {
            new ElasticController(ElasticController.PolicyFor(declared, maxReplicas, service), Sized(loads[0]), clock),
            new HpaReferenceController(declared, 1, maxReplicas, Sized(loads[0]), clock),
            new FixedController("manual-peak", Sized(peak)),
            new FixedController("manual-median", Sized(median)),
            Oracle(spec, loads, capacity),
        };
        var results = new List<StrategyResult>();
        for (var c = 0; c < controllers.Length; c++)
        {
            results.Add(RunOne(spec, controllers[c], loads, clock));
            progress?.Report((c + 1.0) / controllers.Length);
        }
        var oracleHours = results.First(r => r.Name == "oracle").PodHours;
        return new ScenarioResult
        {
            Name = spec.Name,
            DurationSeconds = steps * spec.Step.TotalSeconds,
            StepSeconds = spec.Step.TotalSeconds,
            ObjectiveSeconds = service.Objective.TotalSeconds,
            CapacityPerReplica = capacity,
            DeclaredTargetPerReplica = declared,
            Load = loads,
            Strategies = results.Select(r => r with { PodHoursVsOracle = oracleHours > 0 ? r.PodHours / oracleHours : double.NaN }).ToList(),
            Service = service,
            Source = spec.Source,
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
        var oracleHours = RunOne(spec, Oracle(spec, loads, capacity), loads, clock).PodHours;
        return result with { PodHoursVsOracle = oracleHours > 0 ? result.PodHours / oracleHours : double.NaN };
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
        var objective = service.Objective.TotalSeconds;
        var cluster = new SimulatedCluster(service.StartupTime);
        cluster.Seed(controller.InitialReplicas);
        var view = new ObservedView(new ObservedViewOptions { Step = spec.Step, NoiseSigma = spec.ObservationNoise, NoiseSeed = spec.Seed });
        var state = ServiceState.Empty;
        var replicas = new int[loads.Length];
        var p99 = new double[loads.Length];
        var stride = Math.Max(1, loads.Length / ChartPoints);
        int met = 0, events = 0, maxReplicas = 0, run = 0, longest = 0;
        double podSeconds = 0, worst = 0;
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
            var step = ServiceSimulator.Step(state, spec.Step, loads[i], cluster.ServingAt(now), service.Workers, service.ServiceTime);
            state = step.State;
            view.Record(now + spec.Step, step);

            var latency = step.Latency;
            var ok = step.Arrivals <= 0 || (!latency.IsUnbounded && latency.Survival(objective) <= 1 - Quantile + 1e-12);
            p99[i] = double.NaN;
            if (!ok || i % stride == 0 || (!latency.IsUnbounded && latency.Survival(worst) > 1 - Quantile))
            {
                p99[i] = step.Arrivals <= 0 ? 0 : latency.IsUnbounded ? LatencyCapSeconds : Math.Min(LatencyCapSeconds, latency.Quantile(Quantile));
                worst = Math.Max(worst, p99[i]);
            }
            met += ok ? 1 : 0;
            run = ok ? 0 : run + 1;
            longest = Math.Max(longest, run);
            replicas[i] = cluster.Requested;
            maxReplicas = Math.Max(maxReplicas, cluster.Requested);
            podSeconds += cluster.Requested * spec.Step.TotalSeconds;
        }
        return new StrategyResult
        {
            Name = controller.Name,
            Attainment = loads.Length == 0 ? 1 : (double)met / loads.Length,
            LongestViolationSeconds = longest * spec.Step.TotalSeconds,
            WorstLatencySeconds = worst,
            PodHours = podSeconds / 3600,
            ScaleEvents = events,
            MaxReplicas = maxReplicas,
            Replicas = replicas,
            P99 = p99,
            Changes = changes,
        };
    }
}
