using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Strategies;

public sealed class PeerTuningTests
{
    [Fact]
    public void TuneHpa_MonotoneResponse_FindsTheCheapestTargetThatReachesTheGoal()
    {
        // Targets up to 31.5 (63 % of 50) reach 100 %, higher ones 90 %; cost falls as the target rises.
        static StrategyResult Run(double target) => Result(target <= 31.5 ? 1.0 : 0.9, 100 / target);

        var (result, outcome) = PeerTuning.TuneHpa(Run, declared: 50, goal: 1.0);

        Assert.True(outcome.Reached);
        Assert.InRange(result.TargetPerReplica!.Value, 31.5 - (50 * Resolution), 31.5);
        Assert.Equal(result.TargetPerReplica, outcome.Setting);
        Assert.Equal(1.0, result.Attainment);
        Assert.Equal(5 + PeerTuning.RefineSteps, outcome.Candidates); // a grid of 10, 32.5, 55, 77.5 and 100 %, then the halvings
    }

    [Fact]
    public void TuneHpa_NoTargetReachesTheGoal_ReportsTheBestAndSaysSo()
    {
        static StrategyResult Run(double target) => Result(target <= 30 ? 0.95 : 0.9, 100 / target);

        var (result, outcome) = PeerTuning.TuneHpa(Run, declared: 50, goal: 0.99);

        Assert.False(outcome.Reached);
        Assert.Equal(0.95, result.Attainment);
        Assert.Equal(0.55 * 50, result.TargetPerReplica!.Value, 9); // the cheapest of the best: the highest grid target under 30
        Assert.Equal(0.55, outcome.SettingFraction!.Value, 9);
    }

    [Fact]
    public void TuneFixed_MonotoneResponse_FindsTheFewestReplicasByBisection()
    {
        var runs = 0;
        StrategyResult Run(int replicas)
        {
            runs++;
            return Result(replicas >= 17 ? 0.999 : 0.98, replicas);
        }

        var (result, outcome) = PeerTuning.TuneFixed(Run, maxReplicas: 120, goal: 0.999);

        Assert.True(outcome.Reached);
        Assert.Equal(17, outcome.Setting);
        Assert.Equal(17, result.PodHours);
        Assert.InRange(runs, 1, 8); // ⌈log2 120⌉ + 1
        Assert.Equal(runs, outcome.Candidates);
    }

    [Fact]
    public void TuneFixed_EvenTheMostReplicasMiss_ReportsThemAndSaysSo()
    {
        var (result, outcome) = PeerTuning.TuneFixed(r => Result(0.5, r), maxReplicas: 10, goal: 0.9);

        Assert.False(outcome.Reached);
        Assert.Equal(10, outcome.Setting);
        Assert.Equal(10, result.PodHours);
    }

    [Fact]
    public void TuneHpa_RealHpaOnConstantLoad_FindsTheTargetThatHoldsExactlyTheReplicasNeeded()
    {
        // Load 9.5 × the true capacity needs 10 replicas. The declared target is twice the capacity,
        // so HPA holds ⌈9.5 / (2f)⌉ replicas at a fraction f of it: 10 for f in [0.475, 0.5278), 9 at 55 %.
        // The cheapest target that meets the SLO throughout is the top of that interval.
        var service = ServiceProfile.Default;
        var capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective);
        var load = 9.5 * capacity;
        var spec = new ScenarioSpec { Name = "constant", Load = new Trace("constant", TimeSpan.FromMinutes(1), Enumerable.Repeat(load, 60).ToArray()) };
        var clock = new SimulationClock(SimulationClock.Epoch);
        StrategyResult Run(double target) =>
            ScenarioRunner.RunController(spec, new HpaReferenceController(target, 1, 30, OracleController.Needed(load, target), clock), clock);

        var (tuned, outcome) = PeerTuning.TuneHpa(Run, declared: 2 * capacity, goal: 1.0);

        Assert.True(outcome.Reached);
        Assert.Equal(1.0, tuned.Attainment);
        Assert.Equal(10, tuned.MaxReplicas);
        Assert.InRange(outcome.SettingFraction!.Value, (9.5 / 18) - Resolution, 9.5 / 18);
    }

    /// <summary>The search's resolution, as a fraction of the declared target.</summary>
    private static readonly double Resolution = PeerTuning.GridStep / Math.Pow(2, PeerTuning.RefineSteps);

    private static StrategyResult Result(double attainment, double podHours) => new()
    {
        Name = "candidate",
        Attainment = attainment,
        LongestViolationSeconds = 0,
        WorstLatencySeconds = 0,
        PodHours = podHours,
        ScaleEvents = 0,
        MaxReplicas = 1,
        Replicas = [],
        P99 = [],
    };
}
