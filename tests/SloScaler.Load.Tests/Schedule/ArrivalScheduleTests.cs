using SloScaler.Load.Schedule;
using SloScaler.Simulation.Traces;

namespace SloScaler.Load.Tests.Schedule;

public sealed class ArrivalScheduleTests
{
    private static Trace Flat(double rps, double seconds) => new("flat", TimeSpan.FromSeconds(seconds), [rps]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Build_ConstantRate_CountIsPoissonAroundRateTimesDuration(int seed)
    {
        var plan = ArrivalSchedule.Build(Flat(200, 100), new ScheduleOptions { Seed = seed });

        // Poisson(20 000): standard deviation √20 000 ≈ 141; four of them is a wide band.
        Assert.InRange(plan.Count, 20_000 - 566, 20_000 + 566);
        Assert.False(plan.Truncated);
    }

    [Fact]
    public void Build_ConstantRate_GapsAreExponentialNotEven()
    {
        var plan = ArrivalSchedule.Build(Flat(100, 200), new ScheduleOptions { Seed = 7 });
        var gaps = plan.Offsets.Zip(plan.Offsets.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        var mean = gaps.Average();
        var sd = Math.Sqrt(gaps.Select(g => (g - mean) * (g - mean)).Average());

        Assert.InRange(mean, 0.0095, 0.0105);
        // An exponential gap has a coefficient of variation of 1; evenly spaced sends have 0.
        Assert.InRange(sd / mean, 0.95, 1.05);
        // Memoryless: P(gap > mean) = e^-1 ≈ 0.368.
        Assert.InRange(gaps.Count(g => g > 0.01) / (double)gaps.Length, 0.35, 0.39);
    }

    [Fact]
    public void Build_SameSeed_SameScheduleAndOtherSeedAnother()
    {
        var options = new ScheduleOptions { Seed = 42 };
        var a = ArrivalSchedule.Build(Flat(50, 10), options);
        var b = ArrivalSchedule.Build(Flat(50, 10), options);
        var c = ArrivalSchedule.Build(Flat(50, 10), options with { Seed = 43 });

        Assert.Equal(a.Offsets, b.Offsets);
        Assert.NotEqual(a.Offsets, c.Offsets);
    }

    [Fact]
    public void Build_Compressed_PlaysTheShapeFasterAtTheTracesRates()
    {
        // Trace: 10/s at t=0 rising linearly to 100/s at t=60 s, then 100/s until 120 s.
        var trace = new Trace("ramp", TimeSpan.FromSeconds(60), [10, 100]);
        var plan = ArrivalSchedule.Build(trace, new ScheduleOptions { Compression = 10, Seed = 5 });

        Assert.Equal(TimeSpan.FromSeconds(12), plan.Duration);
        var firstHalf = plan.Offsets.Count(t => t < TimeSpan.FromSeconds(6));
        var secondHalf = plan.Count - firstHalf;
        // Real seconds 0-6 average 55/s (330 expected, sd 18); 6-12 hold 100/s (600, sd 24.5).
        Assert.InRange(firstHalf, 330 - 73, 330 + 73);
        Assert.InRange(secondHalf, 600 - 98, 600 + 98);
        Assert.All(plan.Offsets, t => Assert.True(t < plan.Duration));
    }

    [Fact]
    public void Build_RateScale_MultipliesTheLoad()
    {
        var plain = ArrivalSchedule.Build(Flat(100, 60), new ScheduleOptions { Seed = 3 });
        var doubled = ArrivalSchedule.Build(Flat(100, 60), new ScheduleOptions { Seed = 3, RateScale = 2 });

        Assert.InRange(doubled.Count / (double)plain.Count, 1.85, 2.15);
    }

    [Fact]
    public void Build_MoreThanMaxRequests_StopsAtTheBoundAndSaysSo()
    {
        var plan = ArrivalSchedule.Build(Flat(1_000, 60), new ScheduleOptions { MaxRequests = 500 });

        Assert.Equal(500, plan.Count);
        Assert.True(plan.Truncated);
    }

    [Fact]
    public void Build_LongerThanMaxDuration_EndsAtTheBoundAndSaysSo()
    {
        var plan = ArrivalSchedule.Build(Flat(10, 3_600), new ScheduleOptions { MaxDuration = TimeSpan.FromSeconds(30) });

        Assert.Equal(TimeSpan.FromSeconds(30), plan.Duration);
        Assert.True(plan.Truncated);
        Assert.All(plan.Offsets, t => Assert.True(t < TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Build_ZeroRate_PlansNothing()
    {
        var plan = ArrivalSchedule.Build(Flat(0, 60), new ScheduleOptions());

        Assert.Empty(plan.Offsets);
    }
}
