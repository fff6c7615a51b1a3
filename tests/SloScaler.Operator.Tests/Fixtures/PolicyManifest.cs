using System.Globalization;
using System.Text.Json.Nodes;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// A ScalingPolicy as a user would <c>kubectl apply</c> it, with fast end-to-end defaults: evaluated
/// every 2 s, 10 requests/s per replica, p99 under 250 ms over a 10 s window, scale-up at once,
/// scale-down after a 20 s stabilization window. Tests change what they are about with <c>with</c>.
/// </summary>
public sealed record PolicyManifest(string Name, string Target, string RpsQuery, string LatencyQuery)
{
    public int MinReplicas { get; init; } = 1;
    public int MaxReplicas { get; init; } = 10;
    public string Interval { get; init; } = "2s";
    public double TargetPerReplica { get; init; } = 10;
    public string Objective { get; init; } = "250ms";
    public string SloWindow { get; init; } = "10s";
    public string ScaleDownWindow { get; init; } = "20s";
    public bool DryRun { get; init; }
    /// <summary>The <c>onMetricsUnavailable</c> block in YAML flow style.</summary>
    public string OnMetricsUnavailable { get; init; } = "{action: Hold, afterFailures: 3}";

    /// <summary>A policy for <paramref name="target"/> sized from <paramref name="load"/>'s rate and p99.</summary>
    public static PolicyManifest For(string name, string target, LoadJob load) =>
        new(name, target, load.RpsQuery(), load.LatencyQuery());

    public string ToYaml() => $$"""
        apiVersion: {{ScalingPolicy.ApiVersionValue}}
        kind: {{ScalingPolicy.KindValue}}
        metadata:
          name: {{Name}}
        spec:
          targetRef: {apiVersion: apps/v1, kind: Deployment, name: {{Target}}}
          minReplicas: {{MinReplicas}}
          maxReplicas: {{MaxReplicas}}
          interval: {{Interval}}
          dryRun: {{(DryRun ? "true" : "false")}}
          loadParameters:
            - name: rps
              query: {{Quote(RpsQuery)}}
              targetPerReplica: {{TargetPerReplica.ToString(CultureInfo.InvariantCulture)}}
          slo:
            latencyQuery: {{Quote(LatencyQuery)}}
            objective: {{Objective}}
            window: {{SloWindow}}
          behavior:
            scaleUp: {stabilizationWindow: 0s, policies: [{type: Pods, value: 10, period: 2s}]}
            scaleDown: {stabilizationWindow: {{ScaleDownWindow}}, policies: [{type: Percent, value: 100, period: 2s}]}
          onMetricsUnavailable: {{OnMetricsUnavailable}}
        """;

    public JsonObject ToJson() => (JsonObject)YamlToJson.ConvertAll(ToYaml()).Single()!;

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
