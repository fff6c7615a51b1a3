using Microsoft.Extensions.DependencyInjection;
using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Once;
using SloScaler.Operator.Tests.Controller.Support;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class OnceRunTests
{
    private readonly FakeMetricsSource _metrics = SomeSpec.Metrics();
    private readonly FakeScaleTarget _targets = new();
    private readonly RecordingStatusSink _sink = new();

    private static PolicySnapshot Policy(string name, Core.Policy.ScalingPolicySpec spec) => new(new PolicyKey("shop", name), 1, "1", null, spec, null);

    [Fact]
    public async Task RunAsync_DryRunAllGood_PrintsOneRowPerPolicyWritesNothingAndExitsZero()
    {
        _metrics.Answers[SomeSpec.LoadQuery] = MetricReading.Of(913); // 4 → 8 replicas
        var (code, output) = await Run(new RunOptions { DryRun = true, Once = true }, Policy("checkout", SomeSpec.Valid()));

        Assert.Equal(0, code);
        Assert.Empty(_targets.Writes);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches("^POLICY +TARGET +CURRENT +RECOMMENDED +REASON$", lines[0]);
        Assert.Matches("^shop/checkout +Deployment/checkout +4 +8 +rps 913", lines[1]);
        Assert.Equal("1 policies, 0 with problems", lines[^1]);
        Assert.True(_sink.Reports.Single().DryRun);
    }

    [Fact]
    public async Task RunAsync_InvalidPolicy_ExitsOneAndSaysWhy()
    {
        var (code, output) = await Run(new RunOptions { DryRun = true, Once = true }, Policy("ok", SomeSpec.Valid()), Policy("bad", SomeSpec.Invalid()));

        Assert.Equal(1, code);
        Assert.Contains("invalid: spec.maxReplicas: 2 is less than spec.minReplicas (5)", output, StringComparison.Ordinal);
        Assert.Contains("2 policies, 1 with problems", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MetricsUnavailable_ExitsOne()
    {
        _metrics.Answers[SomeSpec.LoadQuery] = MetricReading.Failed("connection refused");

        var (code, output) = await Run(new RunOptions { DryRun = true, Once = true }, Policy("checkout", SomeSpec.Valid()));

        Assert.Equal(1, code);
        Assert.Contains("shop/checkout", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoPolicies_SaysSoAndExitsZero()
    {
        var (code, output) = await Run(new RunOptions { DryRun = true, Once = true });

        Assert.Equal(0, code);
        Assert.Contains("no ScalingPolicies found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Terminal_DrawsATable()
    {
        var output = new StringWriter();
        await OnceRun.RunAsync(new RunOptions { Once = true, DryRun = true }, output, TextWriter.Null, plain: false, CancellationToken.None, Ports(Policy("checkout", SomeSpec.Valid())));

        Assert.Contains("│ shop/checkout │", output.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output)> Run(RunOptions options, params PolicySnapshot[] policies)
    {
        var output = new StringWriter();
        var code = await OnceRun.RunAsync(options, output, TextWriter.Null, plain: true, CancellationToken.None, Ports(policies));
        return (code, output.ToString());
    }

    private Action<IServiceCollection> Ports(params PolicySnapshot[] policies) => services =>
    {
        services.AddSingleton<IPolicySource>(new ListedPolicySource(policies));
        services.AddSingleton<IMetricsSource>(_metrics);
        services.AddSingleton<IScaleTarget>(_targets);
        services.AddSingleton<IStatusSink>(_sink);
    };
}
