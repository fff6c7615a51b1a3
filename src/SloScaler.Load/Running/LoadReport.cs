namespace SloScaler.Load.Running;

/// <summary>One open-loop run: per-interval windows and the whole run (after the warm-up, if any).</summary>
public sealed record LoadReport(IReadOnlyList<WindowReport> Intervals, WindowReport Overall, int Planned, bool Truncated, bool Cancelled);
