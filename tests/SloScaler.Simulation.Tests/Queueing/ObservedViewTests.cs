using SloScaler.Simulation.Queueing;

namespace SloScaler.Simulation.Tests.Queueing;

public sealed class ObservedViewTests
{
    private static readonly StepLatency Fast = StepLatency.Steady(new MmcQueue(1, 5, 20));
    private static readonly StepLatency Slow = StepLatency.Steady(new MmcQueue(1, 15, 20));

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    /// <summary>Records steps ending at step, 2·step, … up to <paramref name="until"/> with rps(end seconds).</summary>
    private static ObservedView Recorded(ObservedViewOptions options, double until, Func<double, double> rps, Func<double, StepLatency>? latency = null)
    {
        var view = new ObservedView(options);
        var step = options.Step.TotalSeconds;
        for (var end = step; end <= until; end += step)
        {
            view.Record(Seconds(end), rps(end) * step, latency?.Invoke(end) ?? Fast);
        }

        return view;
    }

    [Fact]
    public void RateOver_StepChangeInLoad_LagsByTheWindow()
    {
        // 10 rps until t = 300, then 20: a 1 min rate() moves in quarters over the next minute.
        var view = Recorded(ObservedViewOptions.Default, 600, end => end <= 300 ? 10 : 20);
        Assert.Equal(10.0, view.RateOver(Seconds(300))!.Value, 12);
        Assert.Equal(12.5, view.RateOver(Seconds(315))!.Value, 12);
        Assert.Equal(15.0, view.RateOver(Seconds(330))!.Value, 12);
        Assert.Equal(17.5, view.RateOver(Seconds(345))!.Value, 12);
        Assert.Equal(20.0, view.RateOver(Seconds(360))!.Value, 12);
    }

    [Fact]
    public void RateOver_BetweenScrapes_HoldsTheLastScrapedValue()
    {
        // 5 s steps, 15 s scrapes, load rising every step.
        var options = ObservedViewOptions.Default with { Step = Seconds(5) };
        var view = Recorded(options, 400, end => end);
        var atScrape = view.RateOver(Seconds(300));
        Assert.Equal(atScrape, view.RateOver(Seconds(305)));
        Assert.Equal(atScrape, view.RateOver(Seconds(314.9)));
        Assert.NotEqual(atScrape, view.RateOver(Seconds(315)));
        // (240, 300] holds steps ending 245…300 with rps = end: their mean is 272.5.
        Assert.Equal(272.5, atScrape!.Value, 9);
    }

    [Fact]
    public void RateOver_NoDataYet_IsUnknown()
    {
        var view = new ObservedView(ObservedViewOptions.Default);
        Assert.Null(view.RateOver(Seconds(60)));
        Assert.Null(view.QuantileOver(Seconds(60)));
    }

    [Fact]
    public void RateOver_DataWithoutArrivals_IsZeroButQuantileIsUnknown()
    {
        // A counter that did not move reads rate() = 0; histogram_quantile over no requests is NaN.
        var view = Recorded(ObservedViewOptions.Default, 120, _ => 0);
        Assert.Equal(0.0, view.RateOver(Seconds(120)));
        Assert.Null(view.QuantileOver(Seconds(120)));
    }

    [Fact]
    public void RateOver_ShortHistory_DividesByTheCoveredTime()
    {
        var view = Recorded(ObservedViewOptions.Default, 30, _ => 8);
        Assert.Equal(8.0, view.RateOver(Seconds(30))!.Value, 12);
    }

    [Fact]
    public void QuantileOver_TwoLatencyRegimes_IsTheMixtureBetweenComponentQuantiles()
    {
        // 30 s window over one fast step (300 requests) and one slow step (100 requests).
        var view = new ObservedView(ObservedViewOptions.Default);
        view.Record(Seconds(15), 300, Fast);
        view.Record(Seconds(30), 100, Slow);
        var observed = view.QuantileOver(Seconds(30), Seconds(30));
        var expected = ReferenceQueueing.Bisect(t => (0.75 * Math.Exp(-15 * t)) + (0.25 * Math.Exp(-5 * t)), 0.01, 0, 10);
        Assert.NotNull(observed);
        Assert.Equal(expected, observed.Value, 8);
        Assert.True(observed > Fast.Quantile(0.99) && observed < Slow.Quantile(0.99));
    }

    [Fact]
    public void QuantileOver_WindowAfterTheSlowStep_SeesOnlyFastSteps()
    {
        var view = Recorded(ObservedViewOptions.Default, 300, _ => 10, end => end == 150 ? Slow : Fast);
        var withSlow = view.QuantileOver(Seconds(150))!.Value;
        Assert.True(withSlow > Fast.Quantile(0.99) && withSlow < Slow.Quantile(0.99));
        Assert.Equal(Fast.Quantile(0.99), view.QuantileOver(Seconds(210))!.Value, 9);
    }

    [Fact]
    public void QuantileOver_MostlyUnserved_ReadsAsTheHighestBucket()
    {
        var capped = Recorded(ObservedViewOptions.Default, 60, _ => 10, _ => StepLatency.Unbounded);
        Assert.Equal(10.0, capped.QuantileOver(Seconds(60)));
        var uncapped = Recorded(ObservedViewOptions.Default with { HighestBucket = null }, 60, _ => 10, _ => StepLatency.Unbounded);
        Assert.Equal(double.PositiveInfinity, uncapped.QuantileOver(Seconds(60)));
    }

    [Fact]
    public void Noise_SameSeed_ReproducesEveryValue()
    {
        var options = ObservedViewOptions.Default with { NoiseSigma = 0.2, NoiseSeed = 7 };
        var a = Recorded(options, 600, _ => 50);
        var b = Recorded(options, 600, _ => 50);
        for (var t = 60; t <= 600; t += 15)
        {
            Assert.Equal(a.RateOver(Seconds(t)), b.RateOver(Seconds(t)));
            Assert.Equal(a.QuantileOver(Seconds(t)), b.QuantileOver(Seconds(t)));
        }
    }

    [Fact]
    public void Noise_DifferentSeed_GivesDifferentValues()
    {
        var a = Recorded(ObservedViewOptions.Default with { NoiseSigma = 0.2, NoiseSeed = 7 }, 600, _ => 50);
        var b = Recorded(ObservedViewOptions.Default with { NoiseSigma = 0.2, NoiseSeed = 8 }, 600, _ => 50);
        var differ = 0;
        for (var t = 60; t <= 600; t += 15)
        {
            differ += a.RateOver(Seconds(t)) != b.RateOver(Seconds(t)) ? 1 : 0;
            differ += a.QuantileOver(Seconds(t)) != b.QuantileOver(Seconds(t)) ? 1 : 0;
        }

        Assert.True(differ > 60, $"only {differ} of 74 values differ");
    }

    [Fact]
    public void Noise_BetweenScrapes_IsHeldAndMultipliesTheTruth()
    {
        var noisy = Recorded(ObservedViewOptions.Default with { NoiseSigma = 0.2, NoiseSeed = 3 }, 600, _ => 50);
        var values = new List<double>();
        for (var t = 60; t <= 600; t += 15)
        {
            var atScrape = noisy.RateOver(Seconds(t))!.Value;
            Assert.Equal(atScrape, noisy.RateOver(Seconds(t + 7))!.Value);
            values.Add(Math.Log(atScrape / 50));
        }

        // Log-normal with σ = 0.2 around the true 50 rps: the logs average near 0 and spread near 0.2.
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        Assert.InRange(mean, -0.15, 0.15);
        Assert.InRange(sd, 0.1, 0.3);
    }

    [Fact]
    public void Record_NonConsecutiveStep_Throws()
    {
        var view = new ObservedView(ObservedViewOptions.Default);
        view.Record(Seconds(15), 10, Fast);
        Assert.Throws<InvalidOperationException>(() => view.Record(Seconds(45), 10, Fast));
    }

    [Fact]
    public void RateOver_WindowBeyondRetention_Throws()
    {
        var view = Recorded(ObservedViewOptions.Default, 60, _ => 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.RateOver(Seconds(60), TimeSpan.FromMinutes(11)));
    }

    [Fact]
    public void RateOver_LongRun_KeepsAnsweringFromTheRingBuffer()
    {
        var view = Recorded(ObservedViewOptions.Default, 86_400, end => end <= 86_100 ? 100 : 200);
        Assert.Equal(200.0, view.RateOver(Seconds(86_400))!.Value, 9);
        Assert.Equal(150.0, view.RateOver(Seconds(86_400), TimeSpan.FromMinutes(10))!.Value, 9);
    }
}
