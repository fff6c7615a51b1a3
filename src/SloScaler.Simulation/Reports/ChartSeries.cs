namespace SloScaler.Simulation.Reports;

/// <summary>One line on a chart: downsampled (step index, value) points, drawn as a staircase when <see cref="Steps"/>.</summary>
internal sealed record ChartSeries(string Name, string Color, IReadOnlyList<(int Index, double Value)> Points)
{
    public bool Steps { get; init; }

    public bool Dashed { get; init; }

    /// <summary>Fill the area under the line (for a single series).</summary>
    public bool Filled { get; init; }
}
