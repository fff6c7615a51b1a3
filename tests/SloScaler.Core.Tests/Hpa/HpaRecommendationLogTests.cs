using SloScaler.Core.Behavior;
using SloScaler.Core.Hpa;
using static SloScaler.Core.Tests.Support.SomeBehavior;

namespace SloScaler.Core.Tests.Hpa;

public sealed class HpaRecommendationLogTests
{
    // horizontal_test.go's TestNormalizeDesiredReplicasWithBehavior, including the stored list
    // (a new recommendation takes the slot of the last entry outdated for both windows).
    [Theory]
    [InlineData("", 0, 0, 100, 5, 5, "5")]
    [InlineData("4@-120 5@-60", 0, 180, 100, 3, 5, "4 5 3")]
    [InlineData("4@-120 5@-60", 300, 0, 1, 7, 4, "4 5 7")]
    [InlineData("1@-120 2@-60", 300, 0, 100, 3, 3, "1 2 3")]
    [InlineData("4@-120 5@-60", 0, 300, 1, 3, 3, "4 5 3")]
    [InlineData("10@-600 9@-540", 0, 0, 100, 3, 3, "10 3")]
    [InlineData("10@-600 9@-540", 0, 0, 1, 100, 100, "10 100")]
    [InlineData("10@-600 4@-60 5@-120 9@-540", 0, 180, 100, 3, 5, "10 4 5 3")]
    [InlineData("10@-6000 6@-60 5@-120 9@-180", 300, 0, 1, 100, 5, "100 6 5 9")]
    [InlineData("2@-6000 3@-180", 300, 300, 2, 1, 2, "1 3")]
    [InlineData("2@-6000 1@-180", 300, 300, 2, 3, 2, "3 1")]
    public void StabilizeWithBehavior_HpaScenario_GivesHpaResultAndList(
        string history, double upWindow, double downWindow, int current, int desired, int expected, string list)
    {
        var (outcome, log) = HpaRecommendationLog.StabilizeWithBehavior(History(history), current, desired, Windows(upWindow, downWindow), T0);

        Assert.Equal(expected, outcome.Replicas);
        Assert.Equal(list, string.Join(' ', log.Select(r => r.Replicas)));
    }

    // horizontal_test.go's TestNormalizeDesiredReplicas: without a behavior field only the 5 min downscale window applies.
    [Theory]
    [InlineData("", 5, 5, 1)]
    [InlineData("4@-120 5@-60", 3, 5, 3)]
    [InlineData("1@-120 2@-60", 3, 3, 3)]
    [InlineData("10@-600 9@-540", 3, 3, 2)]
    [InlineData("10@-600 4@-60 5@-120 9@-540", 3, 5, 4)]
    // Without behavior an entry exactly at the cutoff still counts (the older code tests "before", not "after").
    [InlineData("7@-300", 3, 7, 2)]
    public void StabilizeLegacy_HpaScenario_GivesHighestRecentRecommendation(string history, int desired, int expected, int length)
    {
        var (replicas, log) = HpaRecommendationLog.StabilizeLegacy(History(history), desired, HpaDefaults.DownscaleStabilizationWindow, T0);

        Assert.Equal(expected, replicas);
        Assert.Equal(length, log.Length);
    }

    // horizontal_test.go's TestStoreScaleEvents, on HPA's own event list: "change@seconds" entries,
    // "!" marks an outdated one; policies 10 pods and 100% with the given periods.
    [Theory]
    [InlineData("", 60, 60, "5@0", 0)]
    [InlineData("7@-61", 60, 60, "5@0", 0)]
    [InlineData("7@-58", 60, 60, "7@-58 5@0", 7)]
    [InlineData("7@-61 6@-59", 60, 60, "5@0 6@-59", 6)]
    [InlineData("8@-29 6@-59 7@-61 9@-61", 60, 30, "8@-29 6@-59 7@-61! 5@0", 14)]
    [InlineData("7@-58 6@-59", 120, 30, "7@-58 6@-59 5@0", 13)]
    public void StoreScaleEvent_HpaScenario_ReusesLastOutdatedSlot(string before, double podsPeriod, double percentPeriod, string after, int changeInLastMinute)
    {
        var rules = Rules(0, PolicySelection.Max, Pods(10, podsPeriod), Percent(100, percentPeriod));
        var events = History(before).Select(e => new HpaScaleEvent(e.Time, e.Replicas, false)).ToArray();

        Assert.Equal(changeInLastMinute, ScaleEvents.ChangedWithin(HpaScaleEventLog.Changes(events), TimeSpan.FromSeconds(60), T0));
        var stored = HpaScaleEventLog.Store(events, rules.LongestPeriod, 5, T0);

        Assert.Equal(after, string.Join(' ', stored.Select(e => $"{e.Change}@{(e.Time - T0).TotalSeconds}{(e.Outdated ? "!" : "")}")));
    }
}
