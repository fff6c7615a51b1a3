using System.Runtime.CompilerServices;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Policy;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Reconcile;

/// <summary>The result of one reconcile, for callers that drive many (the operator's loop, the simulator).</summary>
public sealed record ReconcileOutcome(PolicyReport Report, PolicySettings? Settings, bool Applied);

/// <summary>
/// One reconcile of one policy against the ports: validate → observe → decide → apply (unless
/// dry-run) → report. The operator and the simulator both drive exactly this.
/// </summary>
public sealed class ReconcileStep(IMetricsSource metrics, IScaleTarget target, IStatusSink sink, TimeProvider time)
{
    // A spec object is immutable: validate each one once, however many ticks it is reconciled for.
    private readonly ConditionalWeakTable<ScalingPolicySpec, ValidationResult> _validated = new();

    public Task<ReconcileOutcome> RunAsync(
        PolicyKey key, long? generation, ScalingPolicySpec? spec, ScalingPolicyStatus? status, bool globalDryRun, CancellationToken cancellationToken) =>
        RunAsync(key, generation, spec, status, status, globalDryRun, cancellationToken);

    /// <param name="key">The policy.</param>
    /// <param name="generation">The spec's <c>metadata.generation</c>.</param>
    /// <param name="spec">The spec as written; null when it could not be read.</param>
    /// <param name="status">The status the last reconcile produced: the engine's state carries on from it.</param>
    /// <param name="stored">
    /// The status as the API server holds it now. A write is judged material against this copy, so a
    /// status someone else overwrote is put back, while events are judged against <paramref name="status"/>
    /// and so are not repeated.
    /// </param>
    /// <param name="globalDryRun">The operator's <c>--dry-run</c>; the policy's own <c>spec.dryRun</c> adds to it.</param>
    /// <param name="cancellationToken">Cancels the reconcile.</param>
    public async Task<ReconcileOutcome> RunAsync(
        PolicyKey key, long? generation, ScalingPolicySpec? spec, ScalingPolicyStatus? status, ScalingPolicyStatus? stored,
        bool globalDryRun, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = spec is null ? PolicyValidator.Validate(null) : _validated.GetValue(spec, PolicyValidator.Validate);
        if (!validation.IsValid)
        {
            var invalid = StatusBuilder.Invalid(status, validation.Problems, generation, now);
            return await Report(key, status, stored, invalid, null, validation.Problems, "", globalDryRun, applied: false, null, cancellationToken);
        }

        var settings = validation.Settings!;
        var dryRun = globalDryRun || settings.DryRun;
        var scale = await target.GetAsync(key.Namespace, settings.Target, cancellationToken);
        if (scale.Kind != ScaleReadingKind.Found)
        {
            var missing = StatusBuilder.TargetProblem(status, scale, settings.Target, generation, now);
            return await Report(key, status, stored, missing, null, [], settings.Target.ToString(), dryRun, applied: false, settings, cancellationToken);
        }

        var observation = await ObserveAsync(settings, scale, cancellationToken);
        var state = status?.EngineState ?? EngineState.Empty;
        var (decision, newState) = DecisionEngine.Decide(settings, observation, state, now, apply: !dryRun);

        string? scaleError = null;
        var applied = false;
        if (!dryRun && decision.Changes)
        {
            var write = await target.SetReplicasAsync(key.Namespace, settings.Target, decision.DesiredReplicas, cancellationToken);
            applied = write.Succeeded;
            if (!write.Succeeded)
            {
                scaleError = $"setting {settings.Target} to {decision.DesiredReplicas} replicas failed: {write.Message}";
                newState = DecisionEngine.Decide(settings, observation, state, now, apply: false).State;
            }
        }

        var newStatus = StatusBuilder.FromDecision(status, decision, newState, settings, generation, dryRun, scaleError, observation);
        return await Report(key, status, stored, newStatus, decision, [], settings.Target.ToString(), dryRun, applied, settings, cancellationToken);
    }

    private async Task<Observation> ObserveAsync(PolicySettings settings, ScaleReading scale, CancellationToken cancellationToken)
    {
        // Identical queries in one tick are asked once, all at the same time.
        var queries = new List<string>(settings.LoadParameters.Count + 1);
        foreach (var parameter in settings.LoadParameters)
        {
            if (!queries.Contains(parameter.Query)) queries.Add(parameter.Query);
        }
        if (!queries.Contains(settings.Slo.LatencyQuery)) queries.Add(settings.Slo.LatencyQuery);
        var asked = new Task<MetricReading>[queries.Count];
        for (var i = 0; i < queries.Count; i++) asked[i] = metrics.QueryAsync(settings.Metrics, queries[i], cancellationToken);
        var answers = await Task.WhenAll(asked);
        var loads = new List<LoadObservation>(settings.LoadParameters.Count);
        foreach (var parameter in settings.LoadParameters) loads.Add(new LoadObservation(parameter.Name, answers[queries.IndexOf(parameter.Query)]));
        return new Observation(loads, answers[queries.IndexOf(settings.Slo.LatencyQuery)], scale.SpecReplicas, scale.ReadyReplicas);
    }

    private async Task<ReconcileOutcome> Report(
        PolicyKey key, ScalingPolicyStatus? old, ScalingPolicyStatus? stored, ScalingPolicyStatus status, Decision? decision, IReadOnlyList<ValidationProblem> problems,
        string targetName, bool dryRun, bool applied, PolicySettings? settings, CancellationToken cancellationToken)
    {
        var events = EventPlanner.Plan(old, status, decision, targetName, dryRun, applied);
        var report = new PolicyReport(key, status, events, StatusBuilder.IsMaterial(stored, status), decision, problems, dryRun);
        await sink.ReportAsync(report, cancellationToken);
        return new ReconcileOutcome(report, settings, applied);
    }
}
