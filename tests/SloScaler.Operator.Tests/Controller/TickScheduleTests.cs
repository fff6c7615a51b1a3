using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Core.Validation;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Tests.Controller.Support;

namespace SloScaler.Operator.Tests.Controller;

public sealed class TickScheduleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [Fact]
    public void Phase_SameKey_IsTheSameInEveryProcess()
    {
        var key = new PolicyKey("shop", "checkout");
        Assert.Equal(new TickSchedule(key, Interval, TimeSpan.Zero, 1).Phase, new TickSchedule(key, Interval, TimeSpan.Zero, 2).Phase);
        Assert.NotEqual(TickSchedule.StableHash(key), TickSchedule.StableHash(new PolicyKey("shop", "checkouT")));
    }

    [Fact]
    public void Phase_ManyPolicies_SpreadEvenlyOverTheInterval()
    {
        var perSecond = new int[15];
        for (var i = 0; i < 1500; i++) perSecond[(int)new TickSchedule(new PolicyKey($"ns{i % 7}", $"policy-{i}"), Interval, TimeSpan.Zero, 1).Phase.TotalSeconds]++;

        // 100 expected per second; a fair hash stays well inside [60, 140].
        Assert.All(perSecond, n => Assert.InRange(n, 60, 140));
    }

    [Theory]
    [InlineData(-15.0, 0.0)]   // a whole interval before the slot: the slot itself
    [InlineData(-0.001, 0.0)]  // just before it: the slot
    [InlineData(0.0, 15.0)]    // on the slot: strictly after it
    [InlineData(14.5, 15.0)]
    [InlineData(15.0, 30.0)]
    public void Next_NoJitter_IsTheFirstSlotStrictlyAfterNow(double nowFromSlot, double expectedFromSlot)
    {
        var schedule = new TickSchedule(new PolicyKey("shop", "checkout"), Interval, TimeSpan.Zero, 1);
        var slot = SomeSpec.T0 + Interval + schedule.Phase;

        Assert.Equal(slot + TimeSpan.FromSeconds(expectedFromSlot), schedule.Next(slot + TimeSpan.FromSeconds(nowFromSlot)));
    }

    [Fact]
    public void Next_WithJitter_StaysWithinATenthOfTheInterval()
    {
        var key = new PolicyKey("shop", "checkout");
        var plain = new TickSchedule(key, Interval, TimeSpan.Zero, 7);
        var jittered = new TickSchedule(key, Interval, TimeSpan.FromSeconds(10), 7);
        var now = SomeSpec.T0;
        for (var i = 0; i < 200; i++)
        {
            var slot = plain.Next(now);
            var tick = jittered.Next(now);
            Assert.InRange(tick - slot, TimeSpan.Zero, Interval / 10);
            now = slot;
        }
    }

    [Fact]
    public void Next_SameSeed_SameJitter()
    {
        var key = new PolicyKey("shop", "checkout");
        var a = new TickSchedule(key, Interval, TimeSpan.FromSeconds(1), 42);
        var b = new TickSchedule(key, Interval, TimeSpan.FromSeconds(1), 42);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => a.Next(SomeSpec.T0 + (i * Interval))), Enumerable.Range(0, 5).Select(i => b.Next(SomeSpec.T0 + (i * Interval))));
    }

    [Theory]
    [InlineData("30s", false, 30)]
    [InlineData("30s", true, 30)]      // an invalid spec still ticks at the interval it asks for
    [InlineData("soon", true, 15)]     // … or the default when that is unreadable
    [InlineData("100ms", true, 15)]    // … or out of range
    public void IntervalOf_Spec_IsItsIntervalOrTheDefault(string interval, bool invalid, int expectedSeconds)
    {
        var spec = invalid ? SomeSpec.Invalid(interval) : SomeSpec.Valid(interval: interval);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), TickSchedule.IntervalOf(spec));
    }

    [Fact]
    public void IntervalOf_NoSpec_IsTheDefault() => Assert.Equal(PolicyDefaults.Interval, TickSchedule.IntervalOf(null));
}
