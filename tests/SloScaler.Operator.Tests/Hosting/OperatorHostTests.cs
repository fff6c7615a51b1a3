using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;
using SloScaler.Core.Decisions;
using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Tests.Controller.Support;
using SloScaler.Operator.Tests.Hosting.Support;

namespace SloScaler.Operator.Tests.Hosting;

public sealed class OperatorHostTests
{
    private static readonly HttpClient Http = new() { Timeout = Eventually.Bound };

    [Fact]
    public async Task Build_InMemoryPorts_ReconcilesServesProbesAndMetricsAndStopsThem()
    {
        var (probePort, metricsPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var options = new RunOptions
        {
            ProbeBindAddress = "127.0.0.1", ProbePort = probePort, MetricsBindAddress = "127.0.0.1", MetricsPort = metricsPort,
            LogLevel = LogEventLevel.Warning, DrainTimeout = TimeSpan.FromSeconds(2),
        };
        var sink = new RecordingStatusSink();
        var time = new FakeClock(SomeSpec.T0); // never advanced: the policy's first reconcile is its only one
        var source = new ListedPolicySource(new PolicySnapshot(new PolicyKey("shop", "checkout"), 1, "1", "uid-1", SomeSpec.Valid(), null));
        using var host = OperatorHost.Build(options, services =>
        {
            services.AddSingleton<IPolicySource>(source);
            services.AddSingleton<IMetricsSource>(SomeSpec.Metrics());
            services.AddSingleton<IScaleTarget>(new FakeScaleTarget());
            services.AddSingleton<IStatusSink>(sink);
            services.AddSingleton<TimeProvider>(time);
        });

        await host.StartAsync();
        await Eventually.True(() => sink.Count >= 1, "the policy is reconciled");
        await time.ArmedAheadAsync(1, "the policy is parked on its next slot");
        await Eventually.True(() => Get($"http://127.0.0.1:{probePort}/readyz").Result == HttpStatusCode.OK, "ready once synced");
        Assert.Equal(HttpStatusCode.OK, await Get($"http://127.0.0.1:{probePort}/healthz"));
        // Exactly one reconcile ran (the clock never reaches the next slot), and its report says what it decided.
        var report = Assert.Single(sink.Reports);
        Assert.Equal(DecisionResult.Unchanged, report.Decision?.Result);
        // The observer counts the decision just after the reconcile returns, on the controller's thread:
        // by the time the policy is parked on its next slot it has been counted.
        var metrics = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
        Assert.Contains("sloscaler_decisions_total{result=\"unchanged\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("sloscaler_leader 1", metrics, StringComparison.Ordinal);
        Assert.Contains("sloscaler_desired_replicas{namespace=\"shop\",policy=\"checkout\"} 4", metrics, StringComparison.Ordinal);
        Assert.Equal("uid-1", host.Services.GetRequiredService<PolicyController>().UidOf(new PolicyKey("shop", "checkout")));

        await host.StopAsync().WaitAsync(Eventually.Bound);

        Assert.False(LoopbackPort.Accepts(probePort));
        Assert.False(LoopbackPort.Accepts(metricsPort));
        Assert.Equal(0, host.Services.GetRequiredService<OperatorExit>().Code);
    }

    [Fact]
    public async Task Build_ServersOff_StartsAndStopsWithoutListening()
    {
        var options = new RunOptions { ProbePort = 0, MetricsPort = 0, LogLevel = LogEventLevel.Warning };
        using var host = OperatorHost.Build(options, services =>
        {
            services.AddSingleton<IPolicySource>(new ListedPolicySource());
            services.AddSingleton<IMetricsSource>(SomeSpec.Metrics());
            services.AddSingleton<IScaleTarget>(new FakeScaleTarget());
            services.AddSingleton<IStatusSink>(new RecordingStatusSink());
        });

        await host.StartAsync();
        await host.StopAsync().WaitAsync(Eventually.Bound);

        Assert.Equal(0, host.Services.GetRequiredService<OperatorExit>().Code);
    }

    private static async Task<HttpStatusCode> Get(string url)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(url));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
