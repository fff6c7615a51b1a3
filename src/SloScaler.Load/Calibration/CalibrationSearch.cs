namespace SloScaler.Load.Calibration;

/// <summary>
/// The pure part of a step test: which rate to measure next, and what the measured steps say.
/// Rising phase: StartRate·Factor^k until a step fails. Then bisection (geometric midpoints)
/// between the highest passing rate below the lowest failing one and that failing rate.
/// </summary>
public static class CalibrationSearch
{
    /// <summary>The next rate to measure, or null when the search is over.</summary>
    public static double? NextRate(IReadOnlyList<CalibrationStep> steps, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(options);
        if (steps.Count == 0)
        {
            return options.StartRate;
        }

        var rising = steps.TakeWhile(s => s.Passed).Count();
        if (rising == steps.Count)
        {
            var next = steps[^1].Rate * options.Factor;
            return steps[^1].Rate >= options.MaxRate ? null : Math.Min(next, options.MaxRate);
        }

        if (rising == 0 || steps.Count - rising - 1 >= options.Refinements)
        {
            return null;
        }

        var (low, high) = Bracket(steps);
        return Math.Sqrt(low!.Rate * high!.Rate);
    }

    /// <summary>The capacity (the rate where the quantile meets the objective) and the target it implies.</summary>
    public static CalibrationResult Conclude(IReadOnlyList<CalibrationStep> steps, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(options);
        var (low, high) = Bracket(steps);
        double capacity;
        string finding;
        if (low is null)
        {
            capacity = 0;
            finding = high is null ? "no step was measured" : $"even the lowest rate ({high.Rate:0.##}/s) failed the objective; lower the start rate";
        }
        else if (high is null)
        {
            capacity = low.Rate;
            finding = $"the objective held up to the highest rate measured ({low.Rate:0.##}/s); the capacity is at least that";
        }
        else
        {
            var objective = options.Objective.TotalSeconds;
            var span = high.AtQuantile - low.AtQuantile;
            var fraction = span > 0 && double.IsFinite(span) ? Math.Clamp((objective - low.AtQuantile) / span, 0, 1) : 0;
            capacity = low.Rate + (fraction * (high.Rate - low.Rate));
            finding = $"the objective is crossed between {low.Rate:0.##}/s and {high.Rate:0.##}/s";
        }

        return new CalibrationResult(steps, capacity, capacity * (1 - options.Margin), options.Margin, finding);
    }

    /// <summary>The lowest failing step, and the highest passing step below it (either may be missing).</summary>
    private static (CalibrationStep? Low, CalibrationStep? High) Bracket(IReadOnlyList<CalibrationStep> steps)
    {
        var high = steps.Where(s => !s.Passed).MinBy(s => s.Rate);
        var low = steps.Where(s => s.Passed && (high is null || s.Rate < high.Rate)).MaxBy(s => s.Rate);
        return (low, high);
    }
}
