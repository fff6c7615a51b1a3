namespace SloScaler.Operator.Tests.Prometheus.Support;

/// <summary>Some Prometheus API answers, written the way Prometheus writes them.</summary>
internal static class PromJson
{
    public const string Time = "1435781451.781";

    public static string Vector(params string[] values) =>
        VectorOf([.. values.Select((v, i) => ($"{{\"pod\":\"p{i}\"}}", v))]);

    public static string VectorOf(params (string MetricJson, string Value)[] series) =>
        Success("vector", "[" + string.Join(",", series.Select(s => $"{{\"metric\":{s.MetricJson},\"value\":[{Time},\"{s.Value}\"]}}")) + "]");

    public static string Scalar(string value) => Success("scalar", $"[{Time},\"{value}\"]");

    public static string Success(string resultType, string resultJson) =>
        $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"{resultType}\",\"result\":{resultJson}}}}}";

    public static string Error(string errorType, string message) =>
        $"{{\"status\":\"error\",\"errorType\":\"{errorType}\",\"error\":\"{message}\"}}";
}
