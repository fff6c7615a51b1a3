using Microsoft.Extensions.Time.Testing;
using SloScaler.Core.Observations;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Tests.Support;

namespace SloScaler.Core.Tests.Reconcile;

public sealed class ReconcileStepTests
{
    private static readonly PolicyKey Key = new("shop", "checkout");
    private readonly FakeMetricsSource _metrics = new();
    private readonly FakeScaleTarget _target = new() { ReportsReady = true };
    private readonly RecordingStatusSink _sink = new();
    private readonly FakeTimeProvider _time = new(SomePolicy.T0);
    private ScalingPolicyStatus? _status;

    private ReconcileStep Step => new(_metrics, _target, _sink, _time);

    private void Load(double? rps, double? p99)
    {
        _metrics.Answers["sum(rate(http_requests_total[1m]))"] = SomePolicy.Reading(rps);
        _metrics.Answers["p99_query"] = SomePolicy.Reading(p99);
    }

    private async Task<ReconcileOutcome> Run(ScalingPolicySpec? spec = null, bool dryRun = false, long generation = 1)
    {
        var outcome = await Step.RunAsync(Key, generation, spec ?? SomePolicy.Spec(), _status, dryRun, CancellationToken.None);
        _status = outcome.Report.Status;
        _time.Advance(TimeSpan.FromSeconds(15));
        return outcome;
    }

    private static string? Condition(ScalingPolicyStatus s, string type) => Conditions.Find(s.Conditions, type)?.Status;

    [Fact]
    public async Task Run_LoadRises_ScalesAndExplainsInStatusAndEvent()
    {
        Load(913, 0.1);
        var outcome = await Run();
        Assert.True(outcome.Applied);
        Assert.Equal([8], _target.Written);
        var s = outcome.Report.Status;
        Assert.Equal(8, s.DesiredReplicas);
        Assert.Equal(4, s.CurrentReplicas);
        Assert.Equal("True", Condition(s, ConditionTypes.Ready));
        Assert.Equal("True", Condition(s, ConditionTypes.SloMet));
        Assert.Equal("100ms", s.Latency);
        var e = Assert.Single(outcome.Report.Events);
        Assert.Equal("Scaled", e.Reason);
        Assert.StartsWith("Deployment/checkout 4 → 8: rps 913 / 120 per replica → 8", e.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_IdenticalQueries_AreAskedOncePerTick()
    {
        var spec = SomePolicy.Spec() with { Slo = SomePolicy.Spec().Slo! with { LatencyQuery = "sum(rate(http_requests_total[1m]))" } };
        _metrics.Answers["sum(rate(http_requests_total[1m]))"] = MetricReading.Of(0.1);
        await Run(spec);
        Assert.Single(_metrics.Asked);
    }

    [Fact]
    public async Task Run_InvalidSpec_ReportsSpecValidFalseAndScalesNothing()
    {
        Load(5000, 0.1);
        var outcome = await Run(SomePolicy.Spec() with { MinReplicas = 5, MaxReplicas = 2 });
        Assert.Empty(_target.Written);
        Assert.Empty(_metrics.Asked);
        var c = Conditions.Find(outcome.Report.Status.Conditions, ConditionTypes.SpecValid)!;
        Assert.Equal("False", c.Status);
        Assert.Equal("spec.maxReplicas: 2 is less than spec.minReplicas (5)", c.Message);
        Assert.Equal("InvalidSpec", Assert.Single(outcome.Report.Events).Reason);

        // The same failure again is not a new event.
        var again = await Run(SomePolicy.Spec() with { MinReplicas = 5, MaxReplicas = 2 });
        Assert.Empty(again.Report.Events);
        Assert.False(again.Report.Material);
    }

    [Fact]
    public async Task Run_DryRun_DecidesAndReportsButNeverWrites()
    {
        Load(913, 0.1);
        var outcome = await Run(dryRun: true);
        Assert.Empty(_target.Written);
        Assert.False(outcome.Applied);
        Assert.Equal(8, outcome.Report.Status.DesiredReplicas);
        Assert.True(outcome.Report.Status.LastDecision!.DryRun);
        Assert.Equal("DryRunScale", Assert.Single(outcome.Report.Events).Reason);
        var again = await Run(dryRun: true);
        Assert.Empty(again.Report.Events); // same would-be scale: not repeated every interval
    }

    [Fact]
    public async Task Run_SpecDryRun_NeverWrites()
    {
        Load(913, 0.1);
        await Run(SomePolicy.Spec() with { DryRun = true });
        Assert.Empty(_target.Written);
    }

    [Fact]
    public async Task Run_TargetMissing_ReportsConditionAndRecoversWhenItAppears()
    {
        Load(913, 0.1);
        _target.Exists = false;
        var missing = await Run();
        Assert.Equal(ConditionReasons.TargetNotFound, Conditions.Find(missing.Report.Status.Conditions, ConditionTypes.Ready)!.Reason);
        Assert.Empty(_target.Written);
        _target.Exists = true;
        var back = await Run();
        Assert.Equal("True", Condition(back.Report.Status, ConditionTypes.Ready));
        Assert.Equal([8], _target.Written);
    }

    [Theory]
    [InlineData("p99_query", "spec.slo.latencyQuery: Prometheus refused the query: ")]
    [InlineData("sum(rate(http_requests_total[1m]))", "spec.loadParameters[0].query (")]
    public async Task Run_PrometheusRefusesAQuery_MetricsAvailableSaysQueryRejectedAndNamesTheField(string refused, string messageStart)
    {
        Load(960, 0.1);
        await Run();
        _metrics.Answers[refused] = MetricReading.Rejected("HTTP 400 Bad Request: bad_data: 1:5: parse error");

        var outcome = await Run();

        var condition = Conditions.Find(outcome.Report.Status.Conditions, ConditionTypes.MetricsAvailable)!;
        Assert.Equal(("False", ConditionReasons.QueryRejected), (condition.Status, condition.Reason));
        Assert.StartsWith(messageStart, condition.Message, StringComparison.Ordinal);
        Assert.EndsWith("bad_data: 1:5: parse error", condition.Message, StringComparison.Ordinal);
        Assert.Equal(8, _target.ReplicasOf("shop/checkout")); // an unknown reading never scales in
    }

    [Fact]
    public async Task Run_PrometheusGoesAway_HoldsWithOneEventThenRecovers()
    {
        Load(960, 0.1);
        await Run();
        Assert.Equal(8, _target.ReplicasOf("shop/checkout"));
        _metrics.Answers.Clear();
        _metrics.Answers["sum(rate(http_requests_total[1m]))"] = MetricReading.Failed("connection refused");
        _metrics.Answers["p99_query"] = MetricReading.Failed("connection refused");
        var outages = new List<ReconcileOutcome>();
        for (var i = 0; i < 5; i++) outages.Add(await Run());
        Assert.Equal(8, _target.ReplicasOf("shop/checkout"));
        Assert.Equal("False", Condition(_status!, ConditionTypes.MetricsAvailable));
        Assert.Contains("connection refused", Conditions.Find(_status!.Conditions, ConditionTypes.MetricsAvailable)!.Message, StringComparison.Ordinal);
        var warning = Assert.Single(outages.SelectMany(o => o.Report.Events), e => e.Type == PolicyEvent.Warning);
        Assert.Equal(ConditionReasons.MetricsUnavailable, warning.Reason);
        Assert.Contains("connection refused", warning.Note, StringComparison.Ordinal); // says why, not just what was held
        Load(240, 0.1);
        var recovered = await Run();
        Assert.Equal("True", Condition(recovered.Report.Status, ConditionTypes.MetricsAvailable));
        Assert.Contains(recovered.Report.Events, e => e.Reason == "MetricsAvailableRecovered");
    }

    [Fact]
    public async Task Run_ScaleWriteFails_ReportsAndRemembersNoScale()
    {
        Load(913, 0.1);
        _target.WriteError = "the server rejected our request (Conflict)";
        var outcome = await Run();
        Assert.False(outcome.Applied);
        Assert.Equal(ConditionReasons.ScaleFailed, Conditions.Find(outcome.Report.Status.Conditions, ConditionTypes.Ready)!.Reason);
        Assert.Null(outcome.Report.Status.EngineState!.LastScaleTime);
        Assert.Contains(outcome.Report.Events, e => e.Reason == ConditionReasons.ScaleFailed);
    }

    [Fact]
    public async Task Run_NothingChanges_StatusIsNotMaterialUntilTelemetryIsStale()
    {
        Load(480, 0.1);
        _target.DefaultReplicas = 4;
        var first = await Run();
        Assert.True(first.Report.Material);
        var second = await Run();
        Assert.False(second.Report.Material);
        var stored = _status;
        for (var i = 0; i < 8; i++)
        {
            var o = await Step.RunAsync(Key, 1, SomePolicy.Spec(), stored, false, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(15));
            if (o.Report.Material) return; // refreshed within two minutes
        }
        Assert.Fail("telemetry was never refreshed");
    }

    [Fact]
    public async Task Run_GenerationChanges_IsMaterial()
    {
        Load(480, 0.1);
        await Run(generation: 1);
        var next = await Run(generation: 2);
        Assert.True(next.Report.Material);
        Assert.Equal(2, next.Report.Status.ObservedGeneration);
    }

    [Fact]
    public async Task Run_SomeoneElseOverwroteStoredStatus_WritesOursBackWithoutRepeatingEvents()
    {
        Load(480, 0.1);
        await Run();
        var ours = _status!;
        var foreign = ours with { DesiredReplicas = 1, Conditions = [new PolicyCondition { Type = ConditionTypes.Ready, Status = "False", Reason = "SomeoneElse" }] };
        var outcome = await Step.RunAsync(Key, 1, SomePolicy.Spec(), ours, foreign, false, CancellationToken.None);
        Assert.True(outcome.Report.Material);
        Assert.Empty(outcome.Report.Events);
        Assert.Equal("True", Condition(outcome.Report.Status, ConditionTypes.Ready));
    }
}
