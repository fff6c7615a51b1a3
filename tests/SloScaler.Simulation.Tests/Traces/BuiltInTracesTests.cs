using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Traces;

public sealed class BuiltInTracesTests
{
    [Fact]
    public void Diurnal_TwoDays_HasAOneToFourTroughToPeakDailyCycle()
    {
        var trace = BuiltInTraces.Diurnal();
        Assert.Equal(TimeSpan.FromDays(2), trace.Duration);
        Assert.Equal(1.0, trace.Peak, 12);
        Assert.Equal(0.25, trace.Min, 12);
        Assert.Equal(trace.RateAt(TimeSpan.FromHours(13)), trace.RateAt(TimeSpan.FromHours(37)), 9);
        Assert.True(trace.RateAt(TimeSpan.FromHours(4)) < 0.26, "trough near 04:00");
        Assert.True(trace.RateAt(TimeSpan.FromHours(20)) > 0.99, "peak near 20:00");
        // Smooth: no minute-to-minute change above 1% of the peak.
        for (var i = 1; i < trace.Count; i++)
        {
            Assert.True(Math.Abs(trace.Rps[i] - trace.Rps[i - 1]) < 0.01);
        }
    }

    [Fact]
    public void FlashCrowd_TwoHours_StepsUpTenfoldForTwentyMinutes()
    {
        var trace = BuiltInTraces.FlashCrowd();
        Assert.Equal(TimeSpan.FromHours(2), trace.Duration);
        Assert.Equal(0.1, trace.RateAt(TimeSpan.FromMinutes(30)), 12);
        Assert.Equal(1.0, trace.RateAt(TimeSpan.FromMinutes(40)), 12);
        Assert.Equal(1.0, trace.RateAt(TimeSpan.FromMinutes(59.75)), 12);
        Assert.Equal(0.1, trace.RateAt(TimeSpan.FromMinutes(60)), 12);
        Assert.Equal(20 * 4, trace.Rps.Count(r => r == 1.0));
    }

    [Fact]
    public void Ramp_OneHourRise_ReachesEightTimesTheBase()
    {
        var trace = BuiltInTraces.Ramp();
        Assert.Equal(0.125, trace.RateAt(TimeSpan.FromMinutes(10)), 12);
        Assert.Equal(0.5625, trace.RateAt(TimeSpan.FromMinutes(45)), 12);
        Assert.Equal(1.0, trace.RateAt(TimeSpan.FromMinutes(90)), 12);
        Assert.Equal(0.125, trace.RateAt(TimeSpan.FromMinutes(140)), 12);
        Assert.Equal(8.0, trace.Peak / trace.Min, 12);
    }

    [Fact]
    public void Noisy_SameSeed_IsReproducibleAndAnotherSeedDiffers()
    {
        var a = BuiltInTraces.Noisy(seed: 5);
        Assert.Equal(a.Rps, BuiltInTraces.Noisy(seed: 5).Rps);
        Assert.NotEqual(a.Rps, BuiltInTraces.Noisy(seed: 6).Rps);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Noisy_AnySeed_IsBurstyWithPeakOne(int seed)
    {
        var trace = BuiltInTraces.Noisy(seed);
        Assert.Equal(1.0, trace.Peak, 12);
        Assert.True(trace.Peak / trace.Median > 2, $"peak/median {trace.Peak / trace.Median}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NoisyWithState_AnySeed_GivesExactlyTheNoisyTrace(int seed)
    {
        var plain = BuiltInTraces.Noisy(seed);
        var withState = BuiltInTraces.NoisyWithState(seed).Trace;
        Assert.Equal(plain.Name, withState.Name);
        Assert.Equal(plain.Step, withState.Step);
        Assert.Equal(plain.Rps, withState.Rps);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NoisyWithState_EachPoint_IsTheExponentOfItsStateOverThePeak(int seed)
    {
        var noisy = BuiltInTraces.NoisyWithState(seed);
        Assert.Equal(noisy.Trace.Count, noisy.States.Count);
        for (var i = 0; i < noisy.Trace.Count; i++)
        {
            var s = noisy.States[i];
            Assert.Equal(noisy.Trace.Rps[i], Math.Exp(s.Level + s.Surge + s.Noise) / noisy.Peak);
        }

        Assert.Contains(noisy.States, s => s.Target > 0 && s.Hold > 0);
    }

    [Fact]
    public void OptimisticCapacity_SixHours_PeaksAtOneInTheMiddle()
    {
        var trace = BuiltInTraces.OptimisticCapacity();
        Assert.Equal(TimeSpan.FromHours(6), trace.Duration);
        Assert.Equal(1.0, trace.RateAt(TimeSpan.FromHours(3)), 12);
        Assert.Equal(0.3, trace.RateAt(TimeSpan.Zero), 12);
    }

    [Fact]
    public void Find_EveryCatalogName_ReturnsThatTrace()
    {
        foreach (var name in TraceCatalog.Names)
        {
            Assert.Equal(name, TraceCatalog.Find(name)?.Name);
        }

        Assert.Null(TraceCatalog.Find("nope"));
    }
}
