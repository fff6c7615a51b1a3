namespace SloScaler.Simulation.Reports;

/// <summary>A horizontal reference line, e.g. the objective.</summary>
internal sealed record ReferenceLine(double Value, string Label, string Color);
