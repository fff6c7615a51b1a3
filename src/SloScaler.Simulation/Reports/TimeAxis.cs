namespace SloScaler.Simulation.Reports;

/// <summary>
/// The x axis of every chart: steps mapped to time from the start, ticked at a round interval
/// (minutes for runs up to three hours, hours beyond) with at most about a dozen ticks.
/// </summary>
internal sealed class TimeAxis
{
    private static readonly int[] IntervalsSeconds = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

    public TimeAxis(int steps, double stepSeconds)
    {
        Steps = Math.Max(1, steps);
        StepSeconds = stepSeconds > 0 ? stepSeconds : 1;
        var duration = Steps * StepSeconds;
        InMinutes = duration <= 3 * 3600;
        Interval = IntervalsSeconds.FirstOrDefault(i => duration / i <= 12, IntervalsSeconds[^1]);
    }

    public int Steps { get; }

    public double StepSeconds { get; }

    public bool InMinutes { get; }

    /// <summary>Seconds between ticks.</summary>
    public int Interval { get; }

    public string Title => InMinutes ? "time (minutes)" : "time (hours)";

    /// <summary>Where step <paramref name="index"/> starts, as a fraction of the run in [0, 1].</summary>
    public double Fraction(double index) => index / Steps;

    public IEnumerable<(double Fraction, string Label)> Ticks()
    {
        var duration = Steps * StepSeconds;
        for (var t = 0.0; t <= duration + 1e-9; t += Interval)
        {
            yield return (t / duration, Markup.Number(InMinutes ? t / 60 : t / 3600, "0.#"));
        }
    }
}
