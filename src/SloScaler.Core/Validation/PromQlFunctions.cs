namespace SloScaler.Core.Validation;

internal enum PromQlType
{
    Scalar, Vector, Matrix, String,
}

/// <summary>PromQL's functions with their argument and return types, and its aggregation operators (Prometheus 3.x).</summary>
internal static class PromQlFunctions
{
    public sealed record Signature(PromQlType[] Arguments, PromQlType Returns, int Optional = 0, bool Variadic = false);

    private const PromQlType S = PromQlType.Scalar;
    private const PromQlType V = PromQlType.Vector;
    private const PromQlType M = PromQlType.Matrix;
    private const PromQlType T = PromQlType.String;

    public static readonly HashSet<string> Aggregations =
        ["sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio"];

    public static readonly HashSet<string> ParameterAggregations = ["topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio"];

    public static readonly HashSet<string> Keywords =
        ["and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset"];

    public static readonly Dictionary<string, Signature> Signatures = Build();

    private static Dictionary<string, Signature> Build()
    {
        var f = new Dictionary<string, Signature>(StringComparer.Ordinal);
        foreach (var name in new[]
        {
            "abs", "absent", "ceil", "exp", "floor", "ln", "log2", "log10", "sqrt", "sgn", "timestamp", "deg", "rad",
            "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
            "sort", "sort_desc", "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar",
        })
        {
            f[name] = new Signature([V], V);
        }
        foreach (var name in new[]
        {
            "absent_over_time", "avg_over_time", "count_over_time", "last_over_time", "max_over_time", "min_over_time",
            "present_over_time", "stddev_over_time", "stdvar_over_time", "sum_over_time", "mad_over_time", "changes",
            "resets", "deriv", "delta", "idelta", "increase", "irate", "rate", "ts_of_max_over_time", "ts_of_min_over_time",
            "ts_of_last_over_time", "first_over_time", "ts_of_first_over_time",
        })
        {
            f[name] = new Signature([M], V);
        }
        foreach (var name in new[] { "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year" })
            f[name] = new Signature([V], V, Optional: 1);
        f["quantile_over_time"] = new Signature([S, M], V);
        f["predict_linear"] = new Signature([M, S], V);
        f["holt_winters"] = new Signature([M, S, S], V);
        f["double_exponential_smoothing"] = new Signature([M, S, S], V);
        f["histogram_quantile"] = new Signature([S, V], V);
        f["histogram_fraction"] = new Signature([S, S, V], V);
        f["clamp"] = new Signature([V, S, S], V);
        f["clamp_max"] = new Signature([V, S], V);
        f["clamp_min"] = new Signature([V, S], V);
        f["round"] = new Signature([V, S], V, Optional: 1);
        f["label_replace"] = new Signature([V, T, T, T, T], V);
        f["label_join"] = new Signature([V, T, T, T], V, Optional: 1, Variadic: true);
        f["sort_by_label"] = new Signature([V, T], V, Optional: 1, Variadic: true);
        f["sort_by_label_desc"] = new Signature([V, T], V, Optional: 1, Variadic: true);
        f["scalar"] = new Signature([V], S);
        f["vector"] = new Signature([S], V);
        f["time"] = new Signature([], S);
        f["pi"] = new Signature([], S);
        f["info"] = new Signature([V, V], V, Optional: 1);
        return f;
    }
}
