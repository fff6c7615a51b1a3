using System.Net;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Once;
using SloScaler.Operator.Tests.Hosting.Support;
using k8s;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class OncePreflightTests
{
    [Fact]
    public async Task CheckAsync_NothingListening_SaysTheServerCannotBeReached()
    {
        using var client = Client(LoopbackPort.Free());

        var problem = await OncePreflight.CheckAsync(client, [], Eventually.Bound, CancellationToken.None);

        Assert.StartsWith("cannot list ScalingPolicies in all namespaces: ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, "cannot list ScalingPolicies in namespace shop: HTTP 404 Not Found (is the CRD installed? see config/crd)")]
    [InlineData(403, "cannot list ScalingPolicies in namespace shop: HTTP 403 Forbidden")]
    [InlineData(200, null)]
    public async Task CheckAsync_ServerAnswers_ReportsItsRefusal(int status, string? expected)
    {
        var port = LoopbackPort.Free();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            Assert.Equal("/apis/sloscaler.io/v1alpha1/namespaces/shop/scalingpolicies", context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync("{\"items\":[]}"u8.ToArray());
            context.Response.Close();
        });
        using var client = Client(port);

        var problem = await OncePreflight.CheckAsync(client, ["shop"], Eventually.Bound, CancellationToken.None);

        await serve.WaitAsync(Eventually.Bound);
        Assert.Equal(expected, problem);
    }

    private static k8s.Kubernetes Client(int port) => new(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" });
}
