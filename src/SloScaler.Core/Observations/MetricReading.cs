namespace SloScaler.Core.Observations;

/// <summary>What kind of answer a metrics query gave. Only <see cref="Value"/> is a usable number.</summary>
public enum MetricReadingKind
{
    /// <summary>One finite sample.</summary>
    Value,
    /// <summary>The query matched no series.</summary>
    Empty,
    /// <summary>The single sample was NaN (for example a quantile over no requests).</summary>
    NotANumber,
    /// <summary>The single sample was +Inf or -Inf.</summary>
    Infinite,
    /// <summary>The query returned more than one series; the detail names their labels.</summary>
    MultipleSeries,
    /// <summary>The query could not be answered (transport, HTTP, timeout or evaluation error); the detail says why.</summary>
    Error,
    /// <summary>
    /// Prometheus refused the query itself (its <c>bad_data</c> error: PromQL it cannot parse or type-check);
    /// asking again will not help, the query must be fixed. The detail is Prometheus' own message.
    /// </summary>
    Rejected,
}

/// <summary>
/// The typed outcome of one metrics query. Missing data is never zero: anything but a finite
/// <see cref="MetricReadingKind.Value"/> is unknown.
/// </summary>
public sealed record MetricReading(MetricReadingKind Kind, double Value, string? Detail)
{
    public bool IsKnown => Kind == MetricReadingKind.Value && double.IsFinite(Value);

    public static MetricReading Of(double value) =>
        double.IsNaN(value) ? NotANumber()
        : double.IsInfinity(value) ? new MetricReading(MetricReadingKind.Infinite, value, value > 0 ? "+Inf" : "-Inf")
        : new MetricReading(MetricReadingKind.Value, value, null);

    public static MetricReading Empty() => new(MetricReadingKind.Empty, double.NaN, "the query returned no series");

    public static MetricReading NotANumber() => new(MetricReadingKind.NotANumber, double.NaN, "the query returned NaN");

    public static MetricReading Infinite(bool positive) =>
        new(MetricReadingKind.Infinite, positive ? double.PositiveInfinity : double.NegativeInfinity, positive ? "+Inf" : "-Inf");

    public static MetricReading MultipleSeries(string detail) => new(MetricReadingKind.MultipleSeries, double.NaN, detail);

    public static MetricReading Failed(string detail) => new(MetricReadingKind.Error, double.NaN, detail);

    /// <summary>Prometheus refused the query itself; see <see cref="MetricReadingKind.Rejected"/>.</summary>
    public static MetricReading Rejected(string detail) => new(MetricReadingKind.Rejected, double.NaN, detail);

    /// <summary>The value when known, otherwise null.</summary>
    public double? KnownValue => IsKnown ? Value : null;

    public override string ToString() => IsKnown ? Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : $"unknown ({Detail ?? Kind.ToString()})";
}
