namespace SloScaler.Simulation.Reports;

/// <summary>
/// Shrinks a per-step series to at most a chosen number of points: consecutive steps are grouped
/// into equal buckets and each bucket keeps its largest value, so a short spike stays visible.
/// NaN values (not computed) are ignored; a bucket with nothing but NaN yields no point.
/// </summary>
internal static class Downsample
{
    /// <summary>Points kept per chart series.</summary>
    public const int MaxPoints = 600;

    /// <summary>(step index, value) pairs, the index being the bucket's first step.</summary>
    public static IReadOnlyList<(int Index, double Value)> Max(IReadOnlyList<double> values, int maxPoints = MaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        var bucket = Math.Max(1, (values.Count + maxPoints - 1) / maxPoints);
        var points = new List<(int, double)>(Math.Min(values.Count, maxPoints));
        for (var start = 0; start < values.Count; start += bucket)
        {
            var max = double.NaN;
            for (var i = start; i < Math.Min(values.Count, start + bucket); i++)
            {
                if (!double.IsNaN(values[i]) && !(values[i] <= max)) max = values[i];
            }

            if (!double.IsNaN(max)) points.Add((start, max));
        }

        return points;
    }

    public static IReadOnlyList<(int Index, double Value)> Max(IReadOnlyList<int> values, int maxPoints = MaxPoints) =>
        Max(values.Select(v => (double)v).ToArray(), maxPoints);
}
