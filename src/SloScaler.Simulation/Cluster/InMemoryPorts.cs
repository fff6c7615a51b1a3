using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;
using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Strategies;

namespace SloScaler.Simulation.Cluster;

/// <summary>
/// The reconcile step's ports in memory: the metrics source answers the load query with the
/// view's <c>rate()</c> and the latency query with its windowed p99 — unknown, never zero, when
/// the view has nothing — and the scale target is the simulated cluster.
/// </summary>
internal sealed class InMemoryPorts(string loadQuery, string latencyQuery) : IMetricsSource, IScaleTarget, IStatusSink
{
    public ControllerContext Context { get; set; } = null!;

    public int? Written { get; private set; }

    public PolicyReport? LastReport { get; private set; }

    public Task<MetricReading> QueryAsync(MetricsConnection connection, string query, CancellationToken cancellationToken)
    {
        double? value = query == loadQuery ? Context.View.RateOver(Context.Now)
            : query == latencyQuery ? Context.View.QuantileOver(Context.Now)
            : null;
        return Task.FromResult(value is { } v ? MetricReading.Of(v) : query == latencyQuery ? MetricReading.NotANumber() : MetricReading.Empty());
    }

    public Task<ScaleReading> GetAsync(string @namespace, TargetReference target, CancellationToken cancellationToken) =>
        Task.FromResult(ScaleReading.Found(Context.Requested, Context.Serving));

    public Task<ScaleWrite> SetReplicasAsync(string @namespace, TargetReference target, int replicas, CancellationToken cancellationToken)
    {
        Written = replicas;
        return Task.FromResult(ScaleWrite.Ok);
    }

    public Task ReportAsync(PolicyReport report, CancellationToken cancellationToken)
    {
        LastReport = report;
        return Task.CompletedTask;
    }

    public void Reset() => Written = null;
}
