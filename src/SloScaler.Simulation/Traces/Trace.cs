namespace SloScaler.Simulation.Traces;

/// <summary>
/// A request-rate trace: point i holds the rate (requests/s) of the interval
/// [i·<see cref="Step"/>, (i + 1)·<see cref="Step"/>). <see cref="RateAt"/> interpolates linearly
/// between points (placed at i·Step) and holds the end values outside them; the trace lasts
/// <see cref="Duration"/> = count·Step. Immutable.
/// </summary>
public sealed class Trace
{
    private readonly double[] _rps;

    public Trace(string name, TimeSpan step, ReadOnlySpan<double> rps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "the step must be positive");
        }

        if (rps.IsEmpty)
        {
            throw new ArgumentException("a trace needs at least one point", nameof(rps));
        }

        for (var i = 0; i < rps.Length; i++)
        {
            if (!(rps[i] >= 0) || double.IsInfinity(rps[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(rps), rps[i], $"point {i} must be finite and ≥ 0");
            }
        }

        Name = name;
        Step = step;
        _rps = rps.ToArray();
        Rps = Array.AsReadOnly(_rps);
        var sorted = rps.ToArray();
        Array.Sort(sorted);
        Min = sorted[0];
        Peak = sorted[^1];
        var mid = sorted.Length / 2;
        Median = sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
        Mean = sorted.Average();
    }

    public string Name { get; }

    public TimeSpan Step { get; }

    /// <summary>The points, requests/s.</summary>
    public IReadOnlyList<double> Rps { get; }

    public int Count => _rps.Length;

    /// <summary>Count · Step.</summary>
    public TimeSpan Duration => Step * _rps.Length;

    public double Peak { get; }

    public double Min { get; }

    /// <summary>The median point (the mean of the two middle ones for an even count).</summary>
    public double Median { get; }

    public double Mean { get; }

    /// <summary>The rate at <paramref name="t"/> (from the start), linearly interpolated, clamped at the ends.</summary>
    public double RateAt(TimeSpan t)
    {
        if (t.Ticks <= 0)
        {
            return _rps[0];
        }

        var position = (double)t.Ticks / Step.Ticks;
        var i = (long)position;
        if (i >= _rps.Length - 1)
        {
            return _rps[^1];
        }

        var fraction = position - i;
        return _rps[i] + ((_rps[i + 1] - _rps[i]) * fraction);
    }

    /// <summary>The same shape with every point multiplied by <paramref name="factor"/> (≥ 0).</summary>
    public Trace Scaled(double factor)
    {
        if (!(factor >= 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "the factor must be finite and ≥ 0");
        }

        var scaled = new double[_rps.Length];
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = _rps[i] * factor;
        }

        return new Trace(Name, Step, scaled);
    }

    /// <summary>The same shape scaled so that its peak is <paramref name="peak"/> requests/s.</summary>
    public Trace ScaledToPeak(double peak) =>
        Peak > 0 ? Scaled(peak / Peak) : throw new InvalidOperationException($"trace '{Name}' is all zeros and cannot be scaled to a peak");

    /// <summary>The same points under another name.</summary>
    public Trace WithName(string name) => new(name, Step, _rps);

    public override string ToString() => $"{Name} ({Count} points every {Step}, peak {Peak:G4} rps)";
}
