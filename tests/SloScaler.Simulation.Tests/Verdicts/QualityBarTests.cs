using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Verdicts;

public sealed class QualityBarTests
{
    [Fact]
    public void Evaluate_DiurnalWithinBar_Met()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn, Strategy("elastic", attainment: 0.995, podHoursVsOracle: 1.1)));

        Assert.True(bar.Met);
        Assert.Equal(["attainment", "pod-hours-vs-oracle", "cost-vs-hpa-tuned", "cost-vs-manual-tuned"], bar.Checks.Select(c => c.Name));
        Assert.All(bar.Checks, c => Assert.True(c.Met));
        Assert.Empty(bar.Notes);
    }

    [Fact]
    public void Evaluate_AttainmentBelow99_Misses()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn, Strategy("elastic", attainment: 0.9448, podHoursVsOracle: 1.1)));

        Assert.False(bar.Met);
        var check = Assert.Single(bar.Missed);
        Assert.Equal("attainment", check.Name);
        Assert.Equal(0.9448, check.Actual);
        Assert.Equal(0.99, check.Limit);
        Assert.Equal("attainment 94.48% \u2265 99%", check.Text);
    }

    [Fact]
    public void Evaluate_AttainmentExactly99_Met()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.RampName, ScenarioSource.BuiltIn, Strategy("elastic", attainment: 594.0 / 600, podHoursVsOracle: 1.07)));

        Assert.True(bar.Met);
        Assert.Equal("attainment 99.00% \u2265 99%", bar.Checks[0].Text);
    }

    [Fact]
    public void Evaluate_MissJustUnderTheLimit_NeverPrintsAsTheLimit()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.RampName, ScenarioSource.BuiltIn, Strategy("elastic", attainment: 0.98996, podHoursVsOracle: 1.2504)));

        Assert.False(bar.Met);
        Assert.Equal("attainment 98.996% \u2265 99%", bar.Checks[0].Text);
        Assert.Equal("pod-hours 1.2504\u00d7 oracle \u2264 1.25\u00d7", bar.Checks[1].Text);
    }

    [Fact]
    public void Evaluate_PodHoursOver125TimesOracle_Misses()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn, Strategy("elastic", attainment: 1, podHoursVsOracle: 1.3)));

        Assert.False(bar.Met);
        var check = Assert.Single(bar.Missed);
        Assert.Equal("pod-hours-vs-oracle", check.Name);
        Assert.Equal(1.3, check.Actual);
        Assert.Equal(1.25, check.Limit);
        Assert.Equal("pod-hours 1.30\u00d7 oracle \u2264 1.25\u00d7", check.Text);
    }

    [Fact]
    public void Evaluate_OracleBelow100Percent_DoesNotCheckAttainment()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.5, podHoursVsOracle: 1.1), Strategy("oracle", attainment: 0.985)));

        Assert.True(bar.Met);
        Assert.DoesNotContain(bar.Checks, c => c.Name == "attainment");
        var note = Assert.Single(bar.Notes);
        Assert.Contains("attainment not checked", note, StringComparison.Ordinal);
        Assert.Contains("98.50%", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_BuiltInScenario_IsNotComparedWithManualPeak()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 1, podHours: 300, podHoursVsOracle: 1.1), Strategy("manual-peak", podHours: 200)));

        Assert.True(bar.Met);
        Assert.DoesNotContain(bar.Checks, c => c.Name == "pod-hours-vs-manual-peak");
    }

    [Fact]
    public void Evaluate_RealTraceCheaperThanManualPeak_Met()
    {
        var bar = QualityBar.Evaluate(Result(EmbeddedTraces.WikipediaName, ScenarioSource.RealTrace,
            Strategy("elastic", attainment: 0.9999, podHours: 812.3, podHoursVsOracle: 1.02), Strategy("manual-peak", podHours: 1034)));

        Assert.True(bar.Met);
        Assert.Equal(["attainment", "pod-hours-vs-oracle", "pod-hours-vs-manual-peak", "cost-vs-hpa-tuned", "cost-vs-manual-tuned"], bar.Checks.Select(c => c.Name));
        Assert.Equal("pod-hours 812.3 < manual-peak 1034.0", bar.Checks[2].Text);
    }

    [Fact]
    public void Evaluate_RealTraceAsCostlyAsManualPeak_Misses()
    {
        var bar = QualityBar.Evaluate(Result(EmbeddedTraces.WorldCup98Name, ScenarioSource.RealTrace,
            Strategy("elastic", attainment: 1, podHours: 1034, podHoursVsOracle: 1.02), Strategy("manual-peak", podHours: 1034)));

        Assert.False(bar.Met);
        var check = Assert.Single(bar.Missed);
        Assert.Equal("pod-hours-vs-manual-peak", check.Name);
        Assert.Equal(1034, check.Actual);
        Assert.Equal(1034, check.Limit);
    }

    [Fact]
    public void Evaluate_UserTraceNamedLikeABuiltIn_GetsTheRealTraceBar()
    {
        // `--trace flash-crowd.csv` is the user's trace, not the built-in scenario.
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.FlashCrowdName, ScenarioSource.UserTrace,
            Strategy("elastic", attainment: 0.98, longestMiss: 150, podHours: 24, podHoursVsOracle: 1.17), Strategy("manual-peak", podHours: 80)));

        Assert.False(bar.Met);
        Assert.Equal(["attainment", "pod-hours-vs-oracle", "pod-hours-vs-manual-peak", "cost-vs-hpa-tuned", "cost-vs-manual-tuned"], bar.Checks.Select(c => c.Name));
        Assert.Equal("attainment", Assert.Single(bar.Missed).Name);
    }

    [Fact]
    public void Evaluate_FlashCrowdRecoveryWithinBound_Met()
    {
        var bar = QualityBar.Evaluate(FlashCrowd(elasticMiss: 150, hpaMiss: 240, podHoursVsOracle: 1.17));

        Assert.True(bar.Met);
        Assert.Equal(["longest-miss", "longest-miss-vs-hpa", "pod-hours-vs-oracle", "cost-vs-hpa-tuned", "cost-vs-manual-tuned"], bar.Checks.Select(c => c.Name));
        Assert.Equal("longest miss 150s \u2264 150s (startup 60s + 2 \u00d7 15s + 1m window)", bar.Checks[0].Text);
        Assert.Equal("longest miss 150s < hpa 240s", bar.Checks[1].Text);
    }

    [Fact]
    public void Evaluate_FlashCrowdRecoveryLongerThanBound_Misses()
    {
        var bar = QualityBar.Evaluate(FlashCrowd(elasticMiss: 165, hpaMiss: 240, podHoursVsOracle: 1.17));

        Assert.False(bar.Met);
        var check = Assert.Single(bar.Missed);
        Assert.Equal("longest-miss", check.Name);
        Assert.Equal(165, check.Actual);
        Assert.Equal(150, check.Limit);
    }

    [Fact]
    public void Evaluate_FlashCrowdBound_FollowsTheReplicaStartupTime()
    {
        var result = FlashCrowd(elasticMiss: 195, hpaMiss: 240, podHoursVsOracle: 1.17) with
        {
            Service = ServiceProfile.Default with { StartupTime = TimeSpan.FromSeconds(120) },
        };

        var check = QualityBar.Evaluate(result).Checks[0];

        Assert.True(check.Met);
        Assert.Equal(120 + (2 * 15) + 60, check.Limit);
        Assert.Equal("longest miss 195s \u2264 210s (startup 120s + 2 \u00d7 15s + 1m window)", check.Text);
    }

    [Fact]
    public void Evaluate_FlashCrowdMissAsLongAsHpa_Misses()
    {
        var bar = QualityBar.Evaluate(FlashCrowd(elasticMiss: 120, hpaMiss: 120, podHoursVsOracle: 1.17));

        Assert.False(bar.Met);
        Assert.Equal("longest-miss-vs-hpa", Assert.Single(bar.Missed).Name);
    }

    [Fact]
    public void Evaluate_FlashCrowdOver125TimesOracle_Misses()
    {
        var bar = QualityBar.Evaluate(FlashCrowd(elasticMiss: 150, hpaMiss: 240, podHoursVsOracle: 1.4));

        Assert.False(bar.Met);
        Assert.Equal("pod-hours-vs-oracle", Assert.Single(bar.Missed).Name);
    }

    [Fact]
    public void Evaluate_OptimisticCapacityBeatingHpa_Met()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.OptimisticCapacityName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.9903, longestMiss: 210, podHoursVsOracle: 1.38), Strategy("hpa", attainment: 0)));

        Assert.True(bar.Met);
        Assert.Equal(["attainment-vs-hpa", "longest-miss", "cost-vs-hpa-tuned", "cost-vs-manual-tuned"], bar.Checks.Select(c => c.Name));
        Assert.Equal("attainment 99.03% > hpa 0.00%", bar.Checks[0].Text);
        Assert.Equal("longest miss 210s < 600s", bar.Checks[1].Text);
    }

    [Fact]
    public void Evaluate_OptimisticCapacityNotAboveHpa_Misses()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.OptimisticCapacityName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.8, longestMiss: 210), Strategy("hpa", attainment: 0.8)));

        Assert.False(bar.Met);
        Assert.Equal("attainment-vs-hpa", Assert.Single(bar.Missed).Name);
    }

    [Fact]
    public void Evaluate_OptimisticCapacityMissingTenMinutes_Misses()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.OptimisticCapacityName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.95, longestMiss: 600), Strategy("hpa", attainment: 0.5)));

        Assert.False(bar.Met);
        var check = Assert.Single(bar.Missed);
        Assert.Equal("longest-miss", check.Name);
        Assert.Equal(600, check.Limit);
    }

    [Fact]
    public void Evaluate_OracleWithoutPodHours_MissesTheCostCheckWithoutThrowing()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn, Strategy("elastic", podHoursVsOracle: double.NaN)));

        Assert.False(bar.Met);
        Assert.Equal("pod-hours n/a\u00d7 oracle \u2264 1.25\u00d7", Assert.Single(bar.Missed).Text);
    }

    [Theory]
    [InlineData(BuiltInTraces.SpikyName)]
    [InlineData(BuiltInTraces.NoisyName)]
    public void Evaluate_BurstyLoad_IsJudgedOnlyAgainstTheTunedPeers(string name)
    {
        // Far from the oracle (50 % attainment, 3× its pod-hours) but cheaper than both tuned peers at equal SLO.
        var bar = QualityBar.Evaluate(Result(name, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.5, podHours: 90, podHoursVsOracle: 3), Strategy("hpa-tuned", attainment: 0.5, podHours: 100),
            Strategy("manual-tuned", attainment: 0.6, podHours: 120), Strategy("oracle", podHours: 30)));

        Assert.True(bar.Met);
        Assert.Equal(["cost-vs-hpa-tuned", "cost-vs-manual-tuned"], bar.Checks.Select(c => c.Name));
        Assert.Equal("cost at equal SLO 0.90\u00d7 hpa-tuned \u2264 1.00\u00d7", bar.Checks[0].Text);
        Assert.Equal(0.75, bar.Checks[1].Actual, 12);
        Assert.Equal(["judged against the hindsight-tuned peers, not the oracle"], bar.Notes);
    }

    [Fact]
    public void Evaluate_ElasticCostlierThanTunedHpaAtEqualSlo_Misses()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.995, podHours: 103, podHoursVsOracle: 1.03), Strategy("hpa-tuned", attainment: 0.996, podHours: 100)));

        Assert.False(bar.Met);
        var check = Assert.Single(bar.Missed);
        Assert.Equal("cost-vs-hpa-tuned", check.Name);
        Assert.Equal(1.03, check.Actual, 12);
        Assert.Equal(1.00, check.Limit);
    }

    [Fact]
    public void Evaluate_TunedPeerNeverReachingElastic_ElasticIsBeyondTheFrontier()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.SpikyName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.95, podHours: 200), Strategy("manual-tuned", attainment: 0.9, podHours: 100)));

        var check = bar.Checks.Single(c => c.Name == "cost-vs-manual-tuned");
        Assert.True(check.Met);
        Assert.Equal("manual-tuned never reaches elastic's attainment (best 90.00% < 95.00%)", check.Text);
    }

    [Theory]
    [InlineData(80, true)]
    [InlineData(81, false)]
    public void TeamTarget_CostAtEqualSloAgainstHpaTuned_IsHeldToPoint80(double elasticPodHours, bool met)
    {
        var result = Result(BuiltInTraces.DiurnalName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.99, podHours: elasticPodHours), Strategy("hpa-tuned", attainment: 0.99, podHours: 100));

        var check = QualityBar.TeamTarget(result)!;

        Assert.Equal(met, check.Met);
        Assert.Equal(0.80, check.Limit);
        Assert.Equal(elasticPodHours / 100, check.Actual, 12);
    }

    [Fact]
    public void Evaluate_AttainmentJustUnder100_NeverPrintsAs100()
    {
        var bar = QualityBar.Evaluate(Result(EmbeddedTraces.WikipediaName, ScenarioSource.RealTrace, Strategy("elastic", attainment: 0.99996)));

        Assert.Equal("attainment 99.996% \u2265 99%", bar.Checks[0].Text);
    }

    [Fact]
    public void Evaluate_WithoutTheStrategiesItCompares_GivesNoVerdict()
    {
        var bar = QualityBar.Evaluate(Result(BuiltInTraces.FlashCrowdName, ScenarioSource.BuiltIn, Strategy("elastic")) with
        {
            Strategies = [Strategy("elastic"), Strategy("oracle")],
        });

        Assert.Null(bar.Met);
        Assert.Empty(bar.Checks);
        Assert.Contains("no hpa, hpa-tuned, manual-tuned result", Assert.Single(bar.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void ReactionBound_DefaultService_IsStartupPlusTwoPolicyIntervalsPlusTheWindow()
    {
        var (bound, explanation) = QualityBar.ReactionBound(ServiceProfile.Default);

        Assert.Equal(TimeSpan.FromSeconds(60 + (2 * 15) + 60), bound);
        Assert.Equal("startup 60s + 2 \u00d7 15s + 1m window", explanation);
    }

    [Theory]
    [InlineData(BuiltInTraces.FlashCrowdName, ScenarioSource.BuiltIn)]
    [InlineData("SPIKY", ScenarioSource.BuiltIn)]
    [InlineData(EmbeddedTraces.WikipediaName, ScenarioSource.RealTrace)]
    [InlineData(EmbeddedTraces.WorldCup98Name, ScenarioSource.RealTrace)]
    public void Find_ByName_KnowsWhereTheScenarioCameFrom(string name, ScenarioSource source)
    {
        Assert.Equal(source, ScenarioCatalog.Find(name)!.Source);
    }

    [Fact]
    public void FromTrace_AnyTrace_IsTheUsersTrace()
    {
        Assert.Equal(ScenarioSource.UserTrace, ScenarioCatalog.FromTrace(BuiltInTraces.FlashCrowd()).Source);
    }

    [Fact]
    public void Run_BuiltInScenario_CarriesItsSourceAndServiceIntoTheResult()
    {
        var service = ServiceProfile.Default with { StartupTime = TimeSpan.FromSeconds(30) };
        var result = ScenarioRunner.Run(ScenarioCatalog.Find(BuiltInTraces.FlashCrowdName, 8, service)!);

        Assert.Equal(ScenarioSource.BuiltIn, result.Source);
        Assert.Equal(service, result.Service);
        Assert.Equal(30 + 30 + 60, QualityBar.Evaluate(result).Checks.Single(c => c.Name == "longest-miss").Limit);
    }

    private static ScenarioResult FlashCrowd(double elasticMiss, double hpaMiss, double podHoursVsOracle) =>
        Result(BuiltInTraces.FlashCrowdName, ScenarioSource.BuiltIn,
            Strategy("elastic", attainment: 0.98, longestMiss: elasticMiss, podHoursVsOracle: podHoursVsOracle),
            Strategy("hpa", attainment: 0.97, longestMiss: hpaMiss));

    /// <summary>A scenario with all five strategies, meeting the SLO at oracle cost unless <paramref name="overrides"/> say otherwise.</summary>
    private static ScenarioResult Result(string name, ScenarioSource source, params StrategyResult[] overrides)
    {
        string[] names = ["elastic", "hpa", "hpa-tuned", "manual-peak", "manual-median", "manual-tuned", "oracle"];
        // The tuned peers reach any attainment at a cost no test's elastic comes near, unless overridden.
        StrategyResult Default(string n) => n.EndsWith("-tuned", StringComparison.Ordinal) ? Strategy(n, podHours: 10_000) : Strategy(n);
        return new ScenarioResult
        {
            Name = name,
            Source = source,
            DurationSeconds = 7200,
            StepSeconds = 15,
            ObjectiveSeconds = 0.25,
            CapacityPerReplica = 48.5,
            DeclaredTargetPerReplica = 48.5,
            Load = [],
            Strategies = names.Select(n => overrides.FirstOrDefault(o => o.Name == n) ?? Default(n)).ToList(),
        };
    }

    private static StrategyResult Strategy(string name, double attainment = 1, double longestMiss = 0, double podHours = 100, double podHoursVsOracle = 1) => new()
    {
        Name = name,
        Attainment = attainment,
        LongestViolationSeconds = longestMiss,
        WorstLatencySeconds = 0.25,
        PodHours = podHours,
        PodHoursVsOracle = podHoursVsOracle,
        ScaleEvents = 0,
        MaxReplicas = 1,
        Replicas = [],
        P99 = [],
    };
}
