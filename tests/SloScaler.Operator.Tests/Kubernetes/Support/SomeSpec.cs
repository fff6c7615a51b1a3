using System.Text.Json.Nodes;

namespace SloScaler.Operator.Tests.Kubernetes.Support;

/// <summary>Valid ScalingPolicy specs for tests, as the JSON a user would write.</summary>
internal static class SomeSpec
{
    public static JsonObject Json(int maxReplicas = 10, string target = "web") => new()
    {
        ["targetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = target },
        ["minReplicas"] = 1,
        ["maxReplicas"] = maxReplicas,
        ["loadParameters"] = new JsonArray(new JsonObject { ["name"] = "rps", ["query"] = "sum(rate(http_requests_total[1m]))", ["targetPerReplica"] = 100 }),
        ["slo"] = new JsonObject { ["latencyQuery"] = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m])))", ["objective"] = "250ms" },
    };
}
