using SloScaler.Operator.Cli;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Operator.Tests.Cli;

public sealed class SimulateCommandTests
{
    private static SimulateCommand.ServiceFlags Flags(string startup = "60s", int workers = 4, string serviceTime = "50ms", string objective = "250ms") =>
        new(startup, workers, serviceTime, objective);

    [Fact]
    public void Service_DefaultFlags_AreTheDefaultService()
    {
        var (service, problem) = SimulateCommand.Service(Flags());

        Assert.Null(problem);
        Assert.Equal(ServiceProfile.Default, service);
    }

    [Fact]
    public void Plan_ServiceFlags_ReachEveryScenarioAndTheBarDerivedFromIt()
    {
        var options = SimulateCommand.Parse("-s", "flash-crowd", "-s", "worldcup98", "--startup-time", "2m", "--workers", "8", "--service-time", "20ms", "--objective", "100ms");
        var (specs, problem) = SimulateCommand.Plan(options);

        Assert.Null(problem);
        Assert.Equal(["flash-crowd", "worldcup98"], specs!.Select(s => s.Name));
        foreach (var spec in specs!)
        {
            Assert.Equal(new ServiceProfile { StartupTime = TimeSpan.FromMinutes(2), Workers = 8, ServiceTime = TimeSpan.FromMilliseconds(20), Objective = TimeSpan.FromMilliseconds(100) }, spec.Service);
        }
        // The flash-crowd bound is the start-up plus two intervals plus the window: 2m + 30s + 1m.
        Assert.Equal(TimeSpan.FromSeconds(210), QualityBar.ReactionBound(specs![0].Service).Bound);
    }

    [Fact]
    public void Plan_NoFlags_EveryBuiltInScenarioOnTheDefaultService()
    {
        var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse());

        Assert.Null(problem);
        Assert.Equal(ScenarioCatalog.BuiltInNames, specs!.Select(s => s.Name));
        Assert.All(specs!, spec => Assert.Equal(ServiceProfile.Default, spec.Service));
    }

    [Fact]
    public void Plan_BadServiceFlag_IsTheProblem()
    {
        var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("--objective", "25h"));

        Assert.Null(specs);
        Assert.Equal("--objective: 25h must be greater than 0 and at most 24h", problem);
    }

    [Theory]
    [InlineData("soon", 4, "50ms", "250ms", "--startup-time: \"soon\" is not a duration")]
    [InlineData("-1s", 4, "50ms", "250ms", "--startup-time: -1s must be between 0s and 1h")]
    [InlineData("2h", 4, "50ms", "250ms", "--startup-time: 2h must be between 0s and 1h")]
    [InlineData("60s", 0, "50ms", "250ms", "--workers: 0 must be between 1 and 1000")]
    [InlineData("60s", 4, "0s", "250ms", "--service-time: 0s must be greater than 0")]
    [InlineData("60s", 4, "50", "250ms", "--service-time: \"50\" is not a duration")]
    [InlineData("60s", 4, "50ms", "-250ms", "--objective: -250ms must be greater than 0 and at most 24h")]
    [InlineData("60s", 4, "50ms", "25h", "--objective: 25h must be greater than 0 and at most 24h")]
    public void Service_BadFlag_NamesTheFlagAndTheValue(string startup, int workers, string serviceTime, string objective, string expected)
    {
        var (service, problem) = SimulateCommand.Service(Flags(startup, workers, serviceTime, objective));

        Assert.Null(service);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_ObjectiveAnIdleReplicaMisses_IsRefusedWithThatReplicasP99()
    {
        // With exponential service times of mean 50 ms, an idle replica's p99 is ln(100) × 50 ms ≈ 230.3 ms.
        var (service, problem) = SimulateCommand.Service(Flags(objective: "100ms"));

        Assert.Null(service);
        Assert.Equal("--objective: 100ms is missed even by an idle replica, whose p99 is 230.3ms with a 50ms mean service time", problem);
    }

    [Theory]
    [InlineData("70%", 0.7, true)]
    [InlineData("35.5", 35.5, false)]
    public void Plan_HpaTarget_ReachesEveryScenario(string flag, double value, bool fraction)
    {
        var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("-s", "ramp", "-s", "diurnal", "--hpa-target", flag));

        Assert.Null(problem);
        Assert.All(specs!, s => Assert.Equal(new HpaTarget(value, fraction), s.HpaTarget));
    }

    [Theory]
    [InlineData("--hpa-target", "fast", "--hpa-target: \"fast\" is not a number")]
    [InlineData("--hpa-target", "0%", "--hpa-target: 0% must be greater than 0")]
    [InlineData("--explain", "hpa2", "--explain: \"hpa2\" is not one of elastic, hpa, hpa-tuned, manual-peak, manual-median, manual-tuned, oracle")]
    [InlineData("--capacity-per-replica", "30", "--capacity-per-replica: needs --trace")]
    public void Plan_BadFlag_IsRefusedNamingIt(string flag, string value, string expected)
    {
        var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("-s", "ramp", flag, value));

        Assert.Null(specs);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_CapacityPerReplica_KeepsTheTracesRpsAndSimulatesThatCapacity()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"sloscaler-trace-{Guid.NewGuid():N}.csv"));
        File.WriteAllText(file.FullName, "t_seconds,rps\n0,300\n60,500\n120,400\n");
        try
        {
            var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("--trace", file.FullName, "--capacity-per-replica", "25"));

            Assert.Null(problem);
            var spec = Assert.Single(specs!);
            Assert.Equal(500, spec.Load.Peak, 9);
            var service = spec.Service;
            Assert.Equal(25, ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective), 2);
            Assert.Equal(1.0, spec.DeclaredCapacityFactor);
        }
        finally
        {
            file.Delete();
        }
    }

    [Fact]
    public void Plan_Policy_RunsElasticWithItsTargetObjectiveAndBounds()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"sloscaler-policy-{Guid.NewGuid():N}.yaml"));
        File.WriteAllText(file.FullName, """
            apiVersion: sloscaler.io/v1alpha1
            kind: ScalingPolicy
            metadata: {name: checkout}
            spec:
              targetRef: {apiVersion: apps/v1, kind: Deployment, name: checkout}
              minReplicas: 2
              maxReplicas: 60
              loadParameters:
                - name: rps
                  query: sum(rate(requests_total[1m]))
                  targetPerReplica: 30
              slo:
                latencyQuery: histogram_quantile(0.99, sum by (le) (rate(duration_bucket[1m])))
                objective: 300ms
            """);
        try
        {
            var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("-s", "ramp", "--policy", file.FullName));

            Assert.Null(problem);
            var spec = Assert.Single(specs!);
            Assert.Equal(TimeSpan.FromMilliseconds(300), spec.Service.Objective);
            Assert.Equal(60, spec.Policy!.MaxReplicas);
            var capacity = ServiceCapacity.CapacityPerReplica(spec.Service.Workers, spec.Service.ServiceTime, spec.Service.Objective);
            Assert.Equal(30, spec.DeclaredCapacityFactor * capacity, 9);
        }
        finally
        {
            file.Delete();
        }
    }

    [Fact]
    public void Plan_InvalidPolicy_IsRefusedWithValidatesMessages()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"sloscaler-policy-{Guid.NewGuid():N}.yaml"));
        File.WriteAllText(file.FullName, "apiVersion: sloscaler.io/v1alpha1\nkind: ScalingPolicy\nmetadata: {name: x}\nspec:\n  maxReplicas: 0\n");
        try
        {
            var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("-s", "ramp", "--policy", file.FullName));

            Assert.Null(specs);
            var validate = new StringWriter();
            Assert.Equal(1, ValidateCommand.Run([file.FullName], new ValidateOptions(), () => Stream.Null, TextWriter.Null, validate));
            var expected = validate.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r'));
            Assert.Equal(expected, problem!.Split('\n').Select(l => l.TrimEnd('\r')));
        }
        finally
        {
            file.Delete();
        }
    }

    [Fact]
    public void ExitCode_Check_Is3OnlyWhenABarIsMissed()
    {
        var ramp = ScenarioRunner.Run(ScenarioCatalog.Find("ramp", 8)!);
        var missed = ramp with { Strategies = [.. ramp.Strategies.Select(s => s.Name == "elastic" ? s with { PodHoursVsOracle = 2 } : s)] };

        Assert.Equal(0, SimulateCommand.ExitCode([missed], check: false));
        Assert.Equal(3, SimulateCommand.ExitCode([missed], check: true));
        Assert.Equal(QualityBar.Evaluate(ramp).Met == false ? 3 : 0, SimulateCommand.ExitCode([ramp], check: true));
    }
}
