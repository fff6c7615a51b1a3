using Microsoft.Extensions.Logging.Abstractions;
using SloScaler.Core.Policy;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Tests.Support;

namespace SloScaler.Operator.Tests.Controller.Support;

/// <summary>A controller over in-memory ports and a fake clock, running until disposed.</summary>
internal sealed class ControllerHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _run;

    public ControllerHarness(PolicyControllerOptions? options = null, IPolicySource? source = null)
    {
        Source = source as ChannelPolicySource ?? new ChannelPolicySource();
        Controller = new PolicyController(
            source ?? Source, new ReconcileStep(Metrics, Targets, Sink, Time), options ?? new PolicyControllerOptions { MaxJitter = TimeSpan.Zero },
            Time, NullLogger<PolicyController>.Instance, Observer);
    }

    public FakeClock Time { get; } = new(SomeSpec.T0);

    public ChannelPolicySource Source { get; }

    public FakeMetricsSource Metrics { get; } = SomeSpec.Metrics();

    public FakeScaleTarget Targets { get; } = new();

    public RecordingStatusSink Sink { get; } = new();

    public RecordingObserver Observer { get; } = new();

    public PolicyController Controller { get; }

    public Task Run => _run ?? throw new InvalidOperationException("not started");

    public ControllerHarness Start()
    {
        _run = Controller.RunAsync(_stopping.Token, _abort.Token);
        return this;
    }

    public Task StopAsync() => _stopping.CancelAsync();

    public Task AbortAsync() => _abort.CancelAsync();

    /// <summary>Waits until the controller has taken <paramref name="count"/> policies into its cache.</summary>
    public Task Cached(int count) => Eventually.True(() => Controller.PolicyCount == count, $"{count} policies cached");

    /// <summary>Plays the watch delivering what a report wrote, and waits until the controller's cache holds it.</summary>
    public Task Echo(PolicyReport report, ScalingPolicySpec? spec = null)
    {
        Source.Upsert(report.Key.Name, spec, status: report.Status, ns: report.Key.Namespace);
        return Eventually.True(() => ReferenceEquals(Controller.StoredStatusOf(report.Key), report.Status), $"{report.Key} status echoed");
    }

    /// <summary>
    /// Waits until <paramref name="policies"/> policy timers are armed for a time after now: every
    /// such policy has finished its reconcile (if any) and is parked until its next slot. Advance
    /// the clock only after this, or a timer armed just after the advance would be late.
    /// </summary>
    public Task Parked(int policies = 1) => Time.ArmedAheadAsync(policies, $"{policies} policies parked on their next slot");

    public Task Reported(int count) => Eventually.True(() => Sink.Count >= count, $"{count} reports (have {Sink.Count})");

    public TimeSpan PhaseOf(string name, string ns = "shop") => Controller.PhaseOf(new PolicyKey(ns, name)) ?? throw new InvalidOperationException($"{name} not cached");

    public async ValueTask DisposeAsync()
    {
        Targets.Gate?.TrySetResult();
        await _abort.CancelAsync();
        await _stopping.CancelAsync();
        if (_run is not null) await _run.WaitAsync(Eventually.Bound);
        Controller.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
    }
}
