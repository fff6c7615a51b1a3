using System.Text.Json.Nodes;
using SloScaler.Core.Policy;
using SloScaler.Testing.Fakes;

namespace SloScaler.Testing.Builders;

/// <summary>Test data: a valid ScalingPolicy spec to start from, as the model and as the JSON a user would write.</summary>
public static class SomeSpec
{
    public const string LoadQuery = "sum(rate(http_requests_total[1m]))";
    public const string LatencyQuery = "p99_query";

    /// <summary>2026-01-01T00:00:00Z: a whole number of any interval since the Unix epoch.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ScalingPolicySpec Valid(string target = "checkout", string interval = "10s") => new()
    {
        TargetRef = new TargetRef { ApiVersion = "apps/v1", Kind = "Deployment", Name = target },
        MinReplicas = 2,
        MaxReplicas = 40,
        Interval = new Duration(interval),
        LoadParameters = [new LoadParameterSpec { Name = "rps", Query = LoadQuery, TargetPerReplica = new Quantity("120") }],
        Slo = new SloSpec { LatencyQuery = LatencyQuery, Objective = new Duration("250ms") },
    };

    public static ScalingPolicySpec Invalid(string interval = "10s") => Valid(interval: interval) with { MinReplicas = 5, MaxReplicas = 2 };

    /// <summary>A status saying this generation was already observed, so the first tick waits for the policy's slot.</summary>
    public static ScalingPolicyStatus Observed(long generation = 1) => new() { ObservedGeneration = generation };

    /// <summary>Metrics answering <see cref="Valid"/>'s queries: 400 requests/s (4 replicas at 120 each) and a p99 of 100 ms.</summary>
    public static FakeMetricsSource Metrics() => new FakeMetricsSource().Answering((LoadQuery, 400), (LatencyQuery, 0.1));

    /// <summary>A valid spec as JSON, the way a user writes it in a manifest.</summary>
    public static JsonObject Json(int maxReplicas = 10, string target = "web") => new()
    {
        ["targetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = target },
        ["minReplicas"] = 1,
        ["maxReplicas"] = maxReplicas,
        ["loadParameters"] = new JsonArray(new JsonObject { ["name"] = "rps", ["query"] = LoadQuery, ["targetPerReplica"] = 100 }),
        ["slo"] = new JsonObject { ["latencyQuery"] = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))", ["objective"] = "250ms" },
    };
}
