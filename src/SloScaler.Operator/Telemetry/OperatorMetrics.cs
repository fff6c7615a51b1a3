using Prometheus;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Prometheus;

namespace SloScaler.Operator.Telemetry;

/// <summary>
/// The operator's Prometheus metrics, in a registry of its own (so two hosts in one test process
/// do not share series). Fed by the controller, the Prometheus adapter and the Kubernetes client's
/// rate limiter; a policy's labelled series go when the policy is deleted.
/// </summary>
public sealed class OperatorMetrics : IReconcileObserver, IPrometheusQueryObserver, IKubernetesRateLimitObserver
{
    private static readonly string[] PolicyLabels = ["namespace", "policy"];

    private readonly Counter _decisions;
    private readonly Histogram _reconcileDuration;
    private readonly Counter _reconcileErrors;
    private readonly Counter _queries;
    private readonly Histogram _queryDuration;
    private readonly Gauge _desired;
    private readonly Gauge _current;
    private readonly Gauge _attainment;
    private readonly Counter _rateLimiterWait;
    private readonly Gauge _leader;

    public OperatorMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _decisions = factory.CreateCounter("sloscaler_decisions_total", "Reconciles by result: what the decision did, or why there was none.",
            new CounterConfiguration { LabelNames = ["result"] });
        _reconcileDuration = factory.CreateHistogram("sloscaler_reconcile_duration_seconds", "Time one reconcile took, from reading the target to reporting.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        _reconcileErrors = factory.CreateCounter("sloscaler_reconcile_errors_total", "Reconciles that failed with an exception (retried at the policy's next tick).");
        _queries = factory.CreateCounter("sloscaler_prometheus_queries_total", "Prometheus queries by what they returned.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _queryDuration = factory.CreateHistogram("sloscaler_prometheus_query_duration_seconds", "Time from sending a Prometheus query to its reading.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        _desired = factory.CreateGauge("sloscaler_desired_replicas", "Replicas the policy set or, in dry-run or Manual mode, would keep.",
            new GaugeConfiguration { LabelNames = PolicyLabels });
        _current = factory.CreateGauge("sloscaler_current_replicas", "Replicas the target had when last evaluated.",
            new GaugeConfiguration { LabelNames = PolicyLabels });
        _attainment = factory.CreateGauge("sloscaler_slo_attainment_ratio", "Fraction of the attainment window in which the tail latency met the objective.",
            new GaugeConfiguration { LabelNames = PolicyLabels });
        _rateLimiterWait = factory.CreateCounter("sloscaler_kubernetes_rate_limiter_wait_seconds_total", "Time Kubernetes requests spent waiting for the client-side rate limiter.");
        _leader = factory.CreateGauge("sloscaler_leader", "1 while this process is the leader and reconciles, else 0.");
        _leader.Set(0);
    }

    public CollectorRegistry Registry { get; }

    public void SetLeader(bool leading) => _leader.Set(leading ? 1 : 0);

    public void OnReconciled(PolicyKey key, ReconcileOutcome outcome, TimeSpan elapsed)
    {
        var report = outcome.Report;
        _decisions.WithLabels(ResultOf(report)).Inc();
        _reconcileDuration.Observe(elapsed.TotalSeconds);
        Set(_desired, key, report.Status.DesiredReplicas);
        Set(_current, key, report.Status.CurrentReplicas);
        Set(_attainment, key, report.Status.Attainment?.Ratio);
    }

    public void OnFailed(PolicyKey key, Exception error, TimeSpan elapsed)
    {
        _reconcileErrors.Inc();
        _reconcileDuration.Observe(elapsed.TotalSeconds);
    }

    public void OnDeleted(PolicyKey key)
    {
        _desired.RemoveLabelled(key.Namespace, key.Name);
        _current.RemoveLabelled(key.Namespace, key.Name);
        _attainment.RemoveLabelled(key.Namespace, key.Name);
    }

    public void OnQuery(TimeSpan elapsed, MetricReadingKind kind)
    {
        _queries.WithLabels(OutcomeOf(kind)).Inc();
        _queryDuration.Observe(elapsed.TotalSeconds);
    }

    public void OnRequest(TimeSpan waited)
    {
        if (waited > TimeSpan.Zero) _rateLimiterWait.Inc(waited.TotalSeconds);
    }

    /// <summary>The <c>result</c> label: the decision's result, or why there was no decision.</summary>
    public static string ResultOf(PolicyReport report) => report.Decision?.Result switch
    {
        DecisionResult.Unchanged => "unchanged",
        DecisionResult.ScaleUp => "scale_up",
        DecisionResult.ScaleDown => "scale_down",
        DecisionResult.Held => "held",
        DecisionResult.Fallback => "fallback",
        DecisionResult.Manual => "manual",
        null when report.Problems.Count > 0 => "invalid_spec",
        _ => "target_unavailable",
    };

    public static string OutcomeOf(MetricReadingKind kind) => kind switch
    {
        MetricReadingKind.Value => "value",
        MetricReadingKind.Empty => "empty",
        MetricReadingKind.NotANumber => "not_a_number",
        MetricReadingKind.Infinite => "infinite",
        MetricReadingKind.MultipleSeries => "multiple_series",
        _ => "error",
    };

    private static void Set(Gauge gauge, PolicyKey key, double? value)
    {
        if (value is { } v) gauge.WithLabels(key.Namespace, key.Name).Set(v);
        else gauge.RemoveLabelled(key.Namespace, key.Name);
    }
}
