using SloScaler.Load.Calibration;
using SloScaler.Load.Running;

namespace SloScaler.Load.Tests.Calibration;

public sealed class CalibrationSearchTests
{
    private static readonly CalibrationOptions Options = new()
    {
        Objective = TimeSpan.FromMilliseconds(400), StartRate = 10, Factor = 2, MaxRate = 100, Refinements = 2, Margin = 0.2,
    };

    private static CalibrationStep Step(double rate, double p99) =>
        new(rate, new WindowReport(TimeSpan.Zero, TimeSpan.FromSeconds(1), 100, 0, 0, 0, new LatencySummary(100, p99 / 2, p99 / 1.5, p99, p99, p99)), 0.99, p99 <= 0.4);

    [Fact]
    public void NextRate_RisesByTheFactorUntilAStepFails()
    {
        Assert.Equal(10, CalibrationSearch.NextRate([], Options));
        Assert.Equal(20, CalibrationSearch.NextRate([Step(10, 0.1)], Options));
        Assert.Equal(40, CalibrationSearch.NextRate([Step(10, 0.1), Step(20, 0.2)], Options));
    }

    [Fact]
    public void NextRate_AfterAFailure_BisectsGeometricallyThenStops()
    {
        var steps = new List<CalibrationStep> { Step(10, 0.1), Step(20, 0.2), Step(40, 0.9) };

        Assert.Equal(Math.Sqrt(800), CalibrationSearch.NextRate(steps, Options)!.Value, 9);
        steps.Add(Step(Math.Sqrt(800), 0.3)); // passes: the bracket becomes [28.3, 40]
        Assert.Equal(Math.Sqrt(Math.Sqrt(800) * 40), CalibrationSearch.NextRate(steps, Options)!.Value, 9);
        steps.Add(Step(Math.Sqrt(Math.Sqrt(800) * 40), 0.5));
        Assert.Null(CalibrationSearch.NextRate(steps, Options));
    }

    [Fact]
    public void NextRate_StopsAtMaxRate()
    {
        Assert.Equal(100, CalibrationSearch.NextRate([Step(80, 0.1)], Options));
        Assert.Null(CalibrationSearch.NextRate([Step(80, 0.1), Step(100, 0.1)], Options));
    }

    [Fact]
    public void Conclude_InterpolatesTheCrossingBetweenTheBracketAndAppliesTheMargin()
    {
        // p99 0.3 s at 30/s and 0.5 s at 40/s: the 0.4 s objective is crossed halfway, at 35/s.
        var result = CalibrationSearch.Conclude([Step(20, 0.2), Step(30, 0.3), Step(40, 0.5), Step(80, 9)], Options);

        Assert.Equal(35, result.Capacity, 9);
        Assert.Equal(28, result.TargetPerReplica, 9);
    }

    [Fact]
    public void Conclude_NoisyPassAboveAFailure_IsIgnored()
    {
        // A pass at 45/s above the failure at 40/s is noise: the bracket is the lowest failure.
        var result = CalibrationSearch.Conclude([Step(30, 0.3), Step(40, 0.5), Step(45, 0.35)], Options);

        Assert.InRange(result.Capacity, 30, 40);
    }

    [Fact]
    public void Conclude_NoFailure_SaysTheCapacityIsAtLeastTheHighestRate()
    {
        var result = CalibrationSearch.Conclude([Step(10, 0.1), Step(20, 0.1)], Options);

        Assert.Equal(20, result.Capacity);
        Assert.Contains("at least", result.Finding);
    }

    [Fact]
    public void Conclude_FirstStepFails_ReportsNoCapacity()
    {
        var result = CalibrationSearch.Conclude([Step(10, 1)], Options);

        Assert.Equal(0, result.Capacity);
        Assert.Contains("lower the start rate", result.Finding);
    }
}
