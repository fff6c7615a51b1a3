using SloScaler.Core.Decisions;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;

namespace SloScaler.Simulation.Strategies;

/// <summary>
/// SloScaler's elastic scaling, driven exactly as the operator drives it: the core's reconcile step
/// against in-memory ports, with the engine's state carried in the policy status between ticks.
/// </summary>
public sealed class ElasticController : IScalingController
{
    public const string LoadQuery = "sum(rate(requests_total[1m]))";
    public const string LatencyQuery = "histogram_quantile(0.99, sum by (le) (rate(request_duration_seconds_bucket[1m])))";
    private static readonly PolicyKey Key = new("simulation", "elastic");

    private readonly ScalingPolicySpec _spec;
    private readonly InMemoryPorts _ports = new(LoadQuery, LatencyQuery);
    private readonly ReconcileStep _step;
    private ScalingPolicyStatus? _status;

    public ElasticController(ScalingPolicySpec spec, int initialReplicas, SimulationClock clock)
    {
        _spec = spec;
        InitialReplicas = initialReplicas;
        _step = new ReconcileStep(_ports, _ports, _ports, clock);
    }

    public string Name => "elastic";

    public int InitialReplicas { get; }

    /// <summary>The last decision, for reports and tests.</summary>
    public Decision? LastDecision => _ports.LastReport?.Decision;

    public string? LastReason => LastDecision?.Reason;

    public int Decide(ControllerContext context)
    {
        _ports.Context = context;
        _ports.Reset();
        var outcome = _step.RunAsync(Key, 1, _spec, _status, false, CancellationToken.None).GetAwaiter().GetResult();
        _status = outcome.Report.Status;
        if (outcome.Report.Problems.Count > 0)
            throw new InvalidOperationException("the simulated policy is invalid: " + string.Join("; ", outcome.Report.Problems));
        return _ports.Written ?? context.Requested;
    }

    /// <summary>The policy the elastic strategy runs for a scenario: the user's honest (or optimistic) declaration.</summary>
    public static ScalingPolicySpec PolicyFor(double targetPerReplica, int maxReplicas, ServiceProfile service) => new()
    {
        TargetRef = new TargetRef { ApiVersion = "apps/v1", Kind = "Deployment", Name = "simulated" },
        MinReplicas = 1,
        MaxReplicas = maxReplicas,
        Interval = new Duration("15s"),
        LoadParameters = [new LoadParameterSpec { Name = "rps", Query = LoadQuery, TargetPerReplica = Quantity.From(targetPerReplica) }],
        Slo = new SloSpec { LatencyQuery = LatencyQuery, Objective = Duration.From(service.Objective), Window = new Duration("1m") },
        Forecast = new ForecastSpec { Enabled = true, ReplicaStartupTime = Duration.From(service.StartupTime) },
        // Sizing comes from the load, not from a utilisation ratio, so a big step up is safe: allow
        // up to 10× per interval instead of HPA's doubling (scale-down keeps HPA's defaults).
        Behavior = new BehaviorSpec
        {
            ScaleUp = new ScalingRulesSpec { Policies = [new RatePolicySpec { Type = "Percent", Value = 900, Period = new Duration("15s") }] },
        },
    };

    /// <summary>
    /// A user's policy made to run in the simulator: its first load parameter (with
    /// <paramref name="targetPerReplica"/>), objective, window, behavior, forecast and min/max are
    /// kept; the queries become the simulator's, the target is the simulated one, and a forecast
    /// without a start-up time uses the simulated service's.
    /// </summary>
    public static ScalingPolicySpec PolicyFrom(ScalingPolicySpec user, double targetPerReplica, ServiceProfile service)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(service);
        var first = user.LoadParameters is { Count: > 0 } parameters ? parameters[0] : new LoadParameterSpec { Name = "rps" };
        var forecast = user.Forecast is { Enabled: true, ReplicaStartupTime: null } f ? f with { ReplicaStartupTime = Duration.From(service.StartupTime) } : user.Forecast;
        return user with
        {
            TargetRef = new TargetRef { ApiVersion = "apps/v1", Kind = "Deployment", Name = "simulated" },
            Mode = null,
            ManualReplicas = null,
            DryRun = null,
            Prometheus = null,
            LoadParameters = [first with { Query = LoadQuery, TargetPerReplica = Quantity.From(targetPerReplica) }],
            Slo = (user.Slo ?? new SloSpec()) with { LatencyQuery = LatencyQuery, Objective = Duration.From(service.Objective) },
            Forecast = forecast,
        };
    }
}
