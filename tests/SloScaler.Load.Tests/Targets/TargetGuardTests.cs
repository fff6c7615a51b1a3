using SloScaler.Load.Targets;

namespace SloScaler.Load.Tests.Targets;

public sealed class TargetGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/", false, true)]
    [InlineData("http://127.0.0.53/", false, true)]
    [InlineData("http://localhost:8080/", false, true)]
    [InlineData("http://[::1]:8080/", false, true)]
    [InlineData("http://10.244.0.7:8080/", false, false)] // a pod address needs the flag
    [InlineData("http://10.244.0.7:8080/", true, true)]
    [InlineData("http://172.17.0.2/", true, true)] // docker bridge
    [InlineData("http://192.168.1.20/", true, true)]
    [InlineData("http://[fd00::5]/", true, true)]
    [InlineData("http://172.32.0.1/", true, false)] // just outside 172.16/12
    [InlineData("http://8.8.8.8/", true, false)] // public: never
    [InlineData("http://example.com/", true, false)] // names are not resolved
    [InlineData("ftp://127.0.0.1/", false, false)]
    public void Check_AllowsOnlyLoopbackOrWithTheFlagPrivatePodAddresses(string target, bool allowPod, bool allowed)
    {
        var problem = TargetGuard.Check(new Uri(target), allowPod);

        Assert.Equal(allowed, problem is null);
    }
}
