using SloScaler.Core.Decisions;
using SloScaler.Core.Settings;
using SloScaler.Core.Validation;
using static SloScaler.Core.Tests.Support.SomePolicy;

namespace SloScaler.Core.Tests.Decisions;

public sealed class ForecasterTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);
    private static readonly ForecastSettings OneMinuteTrend = new(true, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(1));
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(105);

    /// <summary>Samples one interval apart, the last one at <see cref="SomePolicy.T0"/>.</summary>
    private static List<TimedValue> Samples(params double[] values) =>
        values.Select((v, i) => new TimedValue(T0 - (Tick * (values.Length - 1 - i)), v)).ToList();

    /// <summary>What <c>rate()</c> over one minute shows of a load of 240 that starts rising by 0.5/s at t = 0.</summary>
    private static double RateOfRampStartingAtZero(double t) => t <= 0 ? 240 : t <= 60 ? 240 + (0.5 * t * t / 120) : 240 + (0.5 * (t - 30));

    [Fact]
    public void Project_NoisyFlatLoad_IsNotATrend()
    {
        // A slight upward slope (0.07/s) inside scatter of ±4 %: not significant.
        Assert.Null(Forecaster.Project(Samples(1000, 1060, 980, 1050, 1010), T0, OneMinuteTrend, Horizon));
    }

    [Fact]
    public void Project_SteadyLinearRise_ExtrapolatesTheLine()
    {
        var projected = Forecaster.Project(Samples(1000, 1030, 1060, 1090, 1120), T0, OneMinuteTrend, Horizon);
        Assert.Equal(1120 + (2 * 105), projected!.Value, 6);
    }

    [Fact]
    public void Project_RampJustEnteringTheRateWindow_UsesTheSlopeNowNotTheLinesSlope()
    {
        // Over its first minute the rate of a ramp is a parabola: the line through it is half as steep
        // as the ramp, the parabola's slope at the newest sample is the ramp's own (0.5/s).
        var samples = Samples([.. new[] { 0.0, 15, 30, 45, 60 }.Select(RateOfRampStartingAtZero)]);
        var projected = Forecaster.Project(samples, T0, OneMinuteTrend, Horizon);
        Assert.Equal(255 + (0.5 * 105), projected!.Value, 6);
    }

    [Fact]
    public void Project_RisingLoadWhoseLastSampleIsHigh_ExtrapolatesTheLineNotTheCurve()
    {
        // A rise of 2/s whose last sample is 5 % high: a parabola through it has a slope of 4.3/s at the end
        // (it would project 1579, capped at 1425), but it explains only half of the line's misfit: noise.
        var projected = Forecaster.Project(Samples(1000, 1030, 1040, 1050, 1140), T0, OneMinuteTrend, Horizon);
        Assert.Equal(1112 + (2.0 * 105), projected!.Value, 6);
    }

    [Fact]
    public void Project_ProjectionAboveTheCap_IsCappedAboveTheCurrentLoad()
    {
        var projected = Forecaster.Project(Samples(1000, 1100, 1200, 1300, 1400), T0, OneMinuteTrend, Horizon);
        Assert.Equal(1400 * (1 + Forecaster.MaxUplift), projected!.Value, 6);
    }

    [Fact]
    public void StepEstimate_RiseAfterSteadyLoad_IsAStepSizedThroughTheRateWindow()
    {
        var estimate = Forecaster.StepEstimate(Samples(1000, 1000, 1000, 1000, 1000, 1000, 1270), T0, RateWindow);
        Assert.Equal(1000 + (270 * 4), estimate!.Value, 6); // the level a window ago + the rise × W / Δt
    }

    [Fact]
    public void StepEstimate_SameRiseWithinTheLoadsUsualJitter_IsNotAStep()
    {
        // The load usually moves ±8 % between scrapes: a 27 % rise is within four standard deviations of that.
        Assert.Null(Forecaster.StepEstimate(Samples(1000, 1000, 1000, 1000, 1000, 1000, 1270), T0, RateWindow, jitter: 0.08));
    }

    [Fact]
    public void Jitter_AveragesChangesAndCountsAStepOnlyUpToTheStepThreshold()
    {
        var steady = Forecaster.Jitter(0.05, Samples(1000, 1030), first: false);
        Assert.Equal((0.9 * 0.05) + (0.1 * 0.03), steady, 9);
        var step = Forecaster.Jitter(0.05, Samples(1000, 3000), first: false);
        Assert.Equal((0.9 * 0.05) + (0.1 * Forecaster.StepThreshold), step, 9);
        Assert.Equal(0.03, Forecaster.Jitter(0, Samples(1000, 1030), first: true), 9);
    }

    [Fact]
    public void StepEstimate_RiseBelowTheStepThreshold_IsNotAStep()
    {
        Assert.Null(Forecaster.StepEstimate(Samples(1000, 1000, 1000, 1000, 1000, 1000, 1150), T0, RateWindow));
    }

    [Fact]
    public void StepEstimate_RecoveryFromADip_IsNotAStep()
    {
        // One low reading (a scrape that missed requests) and back: +30 % on the last interval, +3 % on the level.
        Assert.Null(Forecaster.StepEstimate(Samples(580, 560, 600, 610, 600, 615, 605, 488, 625), T0, RateWindow));
    }

    [Fact]
    public void StepEstimate_SecondIntervalOfAStep_StillSizesTheStep()
    {
        // 240 → 2400 through a 1m rate sampled every 15 s: 240, 780, 1320, …; the second rise is still the step.
        var estimate = Forecaster.StepEstimate(Samples(240, 240, 240, 240, 240, 780, 1320), T0, RateWindow);
        Assert.Equal(240 + (540 * 4), estimate!.Value, 6);
    }

    [Fact]
    public void StepEstimate_FromANegativeReading_IsNotAStep()
    {
        Assert.Null(Forecaster.StepEstimate(Samples(-10, -10, -10, -10, -10, -10, -5), T0, RateWindow));
    }

    [Fact]
    public void Remember_HistoryOutOfOrder_KeepsItInTimeOrder()
    {
        var shuffled = new List<TimedValue> { new(T0 - Tick, 2), new(T0 - (Tick * 3), 0), new(T0 - (Tick * 2), 1) };
        var kept = Forecaster.Remember(shuffled, 3, T0, TimeSpan.FromMinutes(2));
        Assert.Equal([0.0, 1, 2, 3], kept.Select(s => s.Value));
    }
}
