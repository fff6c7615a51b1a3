using System.Diagnostics;
using System.Globalization;
using SloScaler.Operator.Tests.Fixtures;
using Xunit.Abstractions;

namespace SloScaler.Operator.Tests.EndToEnd;

/// <summary>Operator processes with leader election: only the Lease holder writes; killing it hands over once the Lease expires, stopping it at once.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class LeaderElectionTests(PrometheusFixture prometheus, KubeFixture kube, ITestOutputHelper output)
{
    private const string Lease = "sloscaler-e2e";
    /// <summary>The operator's default lease duration.</summary>
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);
    /// <summary>The standby retries every 2 s; the rest is a busy machine.</summary>
    private static readonly TimeSpan HandOverSlack = TimeSpan.FromSeconds(8);

    [EndToEndFact]
    public async Task TwoOperators_OnlyTheLeaseHolderWrites_KilledItHandsOverAfterTheLease_StoppedItHandsOverAtOnce()
    {
        await using var scope = await EndToEndScope.StartAsync(prometheus, kube, output, "leader");
        var ns = scope.Namespace;
        await ns.CreateDeploymentAsync("web", replicas: 1);
        var options = new OperatorOptions { LeaderElect = true, LeaderElectionName = Lease };
        var a = await scope.StartOperatorAsync("operator-a", options);
        var b = await scope.StartOperatorAsync("operator-b", options);
        await scope.UseSteadyLoadAsync();

        var lease = await Eventually.MatchAsync(() => ns.LeaseAsync(Lease), l => HolderOf(l, a, b) is not null, Waits.Report,
            $"Lease {Lease} held by operator-a or operator-b", l => $"holder {l?.Spec?.HolderIdentity ?? "(none)"}");
        var leader = HolderOf(lease, a, b)!;
        var standby = leader == a ? b : a;
        output.WriteLine($"leader {leader.Name} ({lease!.Spec.HolderIdentity}), standby {standby.Name}");
        Assert.Equal(1, await LeaderGaugeAsync(leader));
        Assert.Equal(0, await LeaderGaugeAsync(standby));

        await ns.CreatePolicyAsync(scope.Policy("web", "web"));
        await scope.WaitForReplicasAsync("web", 5, Waits.Scale);
        var events = await scope.WaitForEventAsync("web", e => e.Reason == "Scaled", Waits.Report, "Scaled");
        Assert.All(events, e => Assert.Equal(leader.Name, e.ReportingInstance));
        Assert.Equal(0, await DecisionsAsync(standby));
        Assert.True(await DecisionsAsync(leader) > 0, "the leader made no decision");

        await leader.KillAsync(); // SIGKILL: the Lease is not released, it has to expire
        var clock = Stopwatch.StartNew();
        await Eventually.MatchAsync(() => ns.LeaseAsync(Lease), l => HolderOf(l, a, b) == standby, LeaseDuration + HandOverSlack,
            $"{standby.Name} to take the Lease over", l => $"holder {l?.Spec?.HolderIdentity ?? "(none)"}");
        var handOver = clock.Elapsed;
        output.WriteLine($"handed over after {handOver.TotalSeconds:0.0}s");
        Assert.Equal(1, await LeaderGaugeAsync(standby));

        // The new leader acts: someone scales the target down, it restores the decision and says so.
        await ns.ScaleAsync("web", 2);
        await scope.WaitForEventAsync("web", e => e.Reason == "Scaled" && e.ReportingInstance == standby.Name && e.Message.Contains("2 → 5", StringComparison.Ordinal),
            Waits.Scale, $"Scaled 2 → 5 reported by {standby.Name}");
        Assert.Equal(5, await ns.ReplicasAsync("web"));

        // A graceful stop (SIGTERM) releases the Lease: a new standby takes over well within the lease duration.
        var c = await scope.StartOperatorAsync("operator-c", options); // ready: standing by
        Assert.True(await standby.StopAsync(), $"{standby.Name} did not shut down on SIGTERM{Environment.NewLine}{standby.LogTail()}");
        clock.Restart();
        await Eventually.MatchAsync(() => ns.LeaseAsync(Lease), l => HolderOf(l, a, b, c) == c, LeaseDuration,
            "operator-c to take over the released Lease", l => $"holder {l?.Spec?.HolderIdentity ?? "(none)"}");
        output.WriteLine($"released and taken over after {clock.Elapsed.TotalSeconds:0.0}s");
        await ns.ScaleAsync("web", 3);
        await scope.WaitForEventAsync("web", e => e.Reason == "Scaled" && e.ReportingInstance == c.Name && e.Message.Contains("3 → 5", StringComparison.Ordinal),
            Waits.Scale, "Scaled 3 → 5 reported by operator-c");
    }

    /// <summary>Which candidate holds the Lease: the identity is the instance name (POD_NAME) plus a random suffix.</summary>
    private static OperatorProcess? HolderOf(k8s.Models.V1Lease? lease, params OperatorProcess[] candidates) =>
        lease?.Spec?.HolderIdentity is { Length: > 0 } holder
            ? candidates.SingleOrDefault(c => holder.StartsWith(c.Name + "_", StringComparison.Ordinal))
            : null;

    private static async Task<double> LeaderGaugeAsync(OperatorProcess instance) => Sum(await instance.MetricsAsync(), "sloscaler_leader");

    private static async Task<double> DecisionsAsync(OperatorProcess instance) => Sum(await instance.MetricsAsync(), "sloscaler_decisions_total");

    /// <summary>The sum of a metric's samples in Prometheus text format (0 when it has none).</summary>
    private static double Sum(string exposition, string metric) =>
        exposition.Split('\n')
            .Where(line => line.StartsWith(metric + " ", StringComparison.Ordinal) || line.StartsWith(metric + "{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
