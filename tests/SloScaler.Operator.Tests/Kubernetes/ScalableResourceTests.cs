using SloScaler.Operator.Kubernetes;

namespace SloScaler.Operator.Tests.Kubernetes;

public sealed class ScalableResourceTests
{
    [Theory]
    [InlineData("apps/v1", "apps", "v1")]
    [InlineData("v1", "", "v1")]
    [InlineData("sloscaler.io/v1alpha1", "sloscaler.io", "v1alpha1")]
    public void ParseApiVersion_GroupAndVersion(string apiVersion, string group, string version)
    {
        Assert.Equal((group, version), ScalableResource.ParseApiVersion(apiVersion));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b/c")]
    [InlineData("apps/")]
    [InlineData("apps/v 1")]
    public void ParseApiVersion_Malformed_Null(string apiVersion) => Assert.Null(ScalableResource.ParseApiVersion(apiVersion));

    [Theory]
    [InlineData("apps", "v1", "apis/apps/v1/namespaces/ns/deployments/web")]
    [InlineData("", "v1", "api/v1/namespaces/ns/replicationcontrollers/web")]
    public void ObjectPath_CoreAndNamedGroups(string group, string version, string expected)
    {
        var plural = group.Length == 0 ? "replicationcontrollers" : "deployments";
        Assert.Equal(expected, new ScalableResource(group, version, "Kind", plural, Namespaced: true, HasScale: true).ObjectPath("ns", "web"));
    }
}
