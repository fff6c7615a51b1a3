using System.Globalization;

namespace SloScaler.Simulation.Strategies;

/// <summary>
/// The target per replica the <c>hpa</c> strategy runs with: an absolute requests/s, or a fraction of
/// the declared <c>targetPerReplica</c> (<c>70%</c>). The default is the declared target itself.
/// </summary>
public sealed record HpaTarget(double Value, bool IsFraction)
{
    public static HpaTarget Declared { get; } = new(1.0, true);

    /// <summary>The target in requests/s per replica for a scenario whose declared target is <paramref name="declared"/>.</summary>
    public double Resolve(double declared) => IsFraction ? Value * declared : Value;

    /// <summary><c>35.5</c> (requests/s) or <c>70%</c> (of the declared target); null with a reason when it is neither or not positive.</summary>
    public static (HpaTarget? Target, string? Problem) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        var number = percent ? trimmed[..^1] : trimmed;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return (null, $"\"{text}\" is not a number of requests/s or a percentage of the declared target (e.g. 35 or 70%)");
        if (value <= 0) return (null, $"{text} must be greater than 0");
        if (percent && value > 1000) return (null, $"{text} must be at most 1000%");
        return (percent ? new HpaTarget(value / 100, true) : new HpaTarget(value, false), null);
    }
}
