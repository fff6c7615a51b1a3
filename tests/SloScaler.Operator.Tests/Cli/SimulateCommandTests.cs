using SloScaler.Operator.Cli;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
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
}
