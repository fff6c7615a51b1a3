using System.Text;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Kubernetes;

namespace SloScaler.Operator.Tests.Kubernetes;

public sealed class PolicyEventsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, 123, 456, TimeSpan.Zero);

    [Fact]
    public void Create_ScaleEvent_RegardsThePolicyWithActionScale()
    {
        var e = PolicyEvents.Create(new PolicyKey("shop", "checkout"), "uid-1", new PolicyEvent(PolicyEvent.Normal, "Scaled", "Deployment/checkout 4 → 6"), Now, "pod-a", 0x1234);

        Assert.Equal(("events.k8s.io/v1", "Event"), (e.ApiVersion, e.Kind));
        Assert.Equal("shop", e.Metadata.NamespaceProperty);
        Assert.Matches("^checkout\\.[0-9a-f]{16}$", e.Metadata.Name);
        Assert.Equal(("sloscaler.io/v1alpha1", "ScalingPolicy", "checkout", "shop", "uid-1"),
            (e.Regarding.ApiVersion, e.Regarding.Kind, e.Regarding.Name, e.Regarding.NamespaceProperty, e.Regarding.Uid));
        Assert.Equal(("sloscaler.io/operator", "pod-a", "Scale", "Scaled", "Normal"), (e.ReportingController, e.ReportingInstance, e.Action, e.Reason, e.Type));
        Assert.Equal(Now.UtcDateTime, e.EventTime);
    }

    [Theory]
    [InlineData("Scaled", "Scale")]
    [InlineData("DryRunScale", "Scale")]
    [InlineData("MetricsUnavailable", "Evaluate")]
    [InlineData("InvalidSpec", "Evaluate")]
    public void Action_ByReason(string reason, string action) => Assert.Equal(action, PolicyEvents.Action(reason));

    [Fact]
    public void Note_LongerThanTheLimit_CutToAtMost1024BytesOnARuneBoundary()
    {
        var note = string.Concat(Enumerable.Repeat("p99 → 312ms ", 200));

        var cut = PolicyEvents.Note(note);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= 1024);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.StartsWith(cut[..^1], note, StringComparison.Ordinal);
    }

    [Fact]
    public void Note_WithinTheLimit_Unchanged() => Assert.Equal("short", PolicyEvents.Note("short"));

    [Fact]
    public void Name_LongPolicyName_StaysWithin253Characters()
    {
        var name = PolicyEvents.Name(new string('a', 253), -1);

        Assert.True(name.Length <= 253);
        Assert.Matches("^a+\\.[0-9a-f]{16}$", name);
    }
}
