using SloScaler.Operator.Health;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Leadership;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class OperatorReadinessTests
{
    [Theory]
    [InlineData(false, false, false, false, false)] // no leader election, not synced
    [InlineData(false, false, false, true, true)]   // no leader election, synced
    [InlineData(true, false, false, true, false)]   // standing by, Lease not reached
    [InlineData(true, false, true, false, true)]    // standing by, healthy: ready without a cache
    [InlineData(true, true, true, false, false)]    // leading, not synced yet
    [InlineData(true, true, true, true, true)]      // leading and synced
    public void Check_State_GivesReadiness(bool leaderElection, bool leading, bool standbyHealthy, bool synced, bool expected)
    {
        var readiness = new OperatorReadiness { LeaderElection = leaderElection, Leading = leading, StandbyHealthy = standbyHealthy };
        readiness.WatchSyncedBy(() => synced);

        Assert.Equal(expected, readiness.Check().Ready);
    }

    [Fact]
    public void Check_ControllerNotStarted_IsNotReady() => Assert.False(new OperatorReadiness().Check().Ready);
}
