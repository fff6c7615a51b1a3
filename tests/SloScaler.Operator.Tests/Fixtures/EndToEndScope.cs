using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// One end-to-end test's world: its own namespace, its own load (a <c>job</c> label named after
/// the namespace) or the run's steady load, the operators it started and a fake kubelet. On
/// dispose everything is stopped by PID, the operators' logs and the namespace's Events go to the
/// test output (shown when the test fails) and the namespace is deleted.
/// </summary>
public sealed class EndToEndScope : IAsyncDisposable
{
    /// <summary>The run's steady traffic: 45 requests/s at a p99 of 100 ms, shared by the tests that never change it.</summary>
    public const string SteadyJob = "steady-45rps";
    public const double SteadyRps = 45;
    public const double SteadyLatency = 0.1;

    private readonly ITestOutputHelper _output;
    private readonly List<OperatorProcess> _operators = [];
    private readonly string _logs;
    private FakeKubelet? _kubelet;
    private bool _ownLoad = true;
    private LoadJob? _load;

    private EndToEndScope(PrometheusFixture prometheus, KubeFixture kube, TestNamespace ns, ITestOutputHelper output)
    {
        Prometheus = prometheus;
        Kube = kube;
        Namespace = ns;
        _output = output;
        _logs = RunDirectory.NewFolder(ns.Name);
    }

    public PrometheusFixture Prometheus { get; }

    public KubeFixture Kube { get; }

    public TestNamespace Namespace { get; }

    /// <summary>This test's traffic, under <c>job="&lt;namespace&gt;"</c>, or the steady one after <see cref="UseSteadyLoadAsync"/>.</summary>
    public LoadJob Load => _load ??= Prometheus.Load.Job(Namespace.Name);

    public static async Task<EndToEndScope> StartAsync(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output, string prefix)
    {
        var ns = await kube.CreateNamespaceAsync(prefix);
        output.WriteLine($"namespace {ns.Name}, Prometheus {prometheus.Address}");
        return new EndToEndScope(prometheus, kube, ns, output);
    }

    /// <summary>
    /// Switches to the run's steady load (45 requests/s, p99 100 ms: 5 replicas at 10 per replica),
    /// which only the first test using it waits for; it must not be changed.
    /// </summary>
    public async Task UseSteadyLoadAsync()
    {
        _load = Prometheus.Load.Job(SteadyJob);
        _ownLoad = false;
        Load.SetLoad(SteadyRps, SteadyLatency);
        await Prometheus.WaitForLoadAsync(Load);
    }

    /// <summary>A policy for <paramref name="target"/> sized from this test's load.</summary>
    public PolicyManifest Policy(string name, string target) => PolicyManifest.For(name, target, Load);

    /// <summary>Starts <c>sloscaler run</c> on this namespace and waits until it is ready.</summary>
    public async Task<OperatorProcess> StartOperatorAsync(string name = "operator", OperatorOptions? options = null)
    {
        var instance = await OperatorProcess.StartAsync(
            name, Namespace.Name, Kube.KubeconfigPath, Prometheus.Address, options ?? new OperatorOptions(), _logs);
        _operators.Add(instance);
        return instance;
    }

    public void StartKubelet() => _kubelet ??= FakeKubelet.Start(Namespace);

    public Task<PolicyView> WaitForPolicyAsync(string policy, Func<PolicyView, bool> ok, TimeSpan bound, string what) =>
        Eventually.MatchAsync(() => Namespace.PolicyAsync(policy), ok, bound, $"{policy}: {what}");

    public Task<int?> WaitForReplicasAsync(string deployment, int expected, TimeSpan bound) =>
        Eventually.MatchAsync(() => Namespace.ReplicasAsync(deployment), r => r == expected, bound, $"Deployment {deployment} at {expected} replicas");

    /// <summary>Waits for an Event about <paramref name="policy"/> that satisfies <paramref name="ok"/>; returns all its events then.</summary>
    public Task<IReadOnlyList<Corev1Event>> WaitForEventAsync(string policy, Func<Corev1Event, bool> ok, TimeSpan bound, string what) =>
        Eventually.MatchAsync(() => Namespace.EventsAsync(policy), events => events.Any(ok), bound, $"{policy}: an Event {what}",
            events => Environment.NewLine + TestNamespace.Describe(events));

    public async ValueTask DisposeAsync()
    {
        if (_kubelet is not null)
            await _kubelet.DisposeAsync();
        foreach (var instance in _operators)
        {
            await instance.StopAsync();
            _output.WriteLine(instance.LogTail(maxChars: 20000));
            await instance.DisposeAsync();
        }
        try
        {
            _output.WriteLine("--- events ---");
            foreach (var e in (await Namespace.Client.CoreV1.ListNamespacedEventAsync(Namespace.Name)).Items.OrderBy(e => e.Metadata.CreationTimestamp))
                _output.WriteLine($"  {e.InvolvedObject?.Kind}/{e.InvolvedObject?.Name} {e.Type} {e.Reason} [{e.ReportingInstance ?? e.Source?.Component}]: {e.Message}");
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            _output.WriteLine($"(events unreadable: {e.Message})");
        }
        if (_ownLoad)
            _load?.SetLoad(0, 0);
        await Namespace.DisposeAsync();
        try
        {
            Directory.Delete(_logs, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
