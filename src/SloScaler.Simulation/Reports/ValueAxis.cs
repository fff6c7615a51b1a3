namespace SloScaler.Simulation.Reports;

/// <summary>
/// The y axis: linear from zero to a round maximum, or logarithmic over whole decades (for
/// latencies, where the objective and a minutes-long queue must share one chart).
/// </summary>
internal sealed class ValueAxis
{
    private readonly Func<double, string> _label;

    private ValueAxis(double min, double max, bool isLog, IReadOnlyList<double> ticks, Func<double, string> label)
    {
        Min = min;
        Max = max;
        IsLog = isLog;
        TickValues = ticks;
        _label = label;
    }

    public double Min { get; }

    public double Max { get; }

    public bool IsLog { get; }

    public IReadOnlyList<double> TickValues { get; }

    /// <summary>From 0 to a round number above <paramref name="max"/>, ticked at 1, 2 or 5 × 10ⁿ (at least <paramref name="minStep"/>).</summary>
    public static ValueAxis Linear(double max, Func<double, string> label, double minStep = 0)
    {
        if (!(max > 0) || double.IsInfinity(max)) max = 1;
        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * magnitude).First(s => s >= raw * (1 - 1e-9));
        step = Math.Max(step, minStep);
        var top = Math.Ceiling((max / step) - 1e-9) * step;
        if (top - max < 0.02 * top) top += step; // a line at the maximum would hide in the frame
        var ticks = Enumerable.Range(0, (int)Math.Round(top / step) + 1).Select(i => i * step).ToArray();
        return new ValueAxis(0, top, false, ticks, label);
    }

    /// <summary>Whole decades covering [<paramref name="min"/>, <paramref name="max"/>] (both &gt; 0), with 2 and 5 ticks when the range is short.</summary>
    public static ValueAxis Log(double min, double max, Func<double, string> label)
    {
        var low = Math.Floor(Math.Log10(min) + 1e-9);
        var high = Math.Max(low + 1, Math.Ceiling(Math.Log10(max) - 1e-9));
        var ticks = new List<double>();
        for (var d = low; d <= high; d++)
        {
            var decade = Math.Pow(10, d);
            ticks.Add(decade);
            if (high - low <= 2 && d < high)
            {
                ticks.Add(2 * decade);
                ticks.Add(5 * decade);
            }
        }

        return new ValueAxis(Math.Pow(10, low), Math.Pow(10, high), true, ticks, label);
    }

    /// <summary>Where <paramref name="value"/> sits, as a fraction of the axis clamped to [0, 1].</summary>
    public double Fraction(double value)
    {
        var f = IsLog
            ? (value <= 0 ? 0 : (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)))
            : (value - Min) / (Max - Min);
        return Math.Clamp(f, 0, 1);
    }

    public string Label(double value) => _label(value);
}
