using Microsoft.Extensions.Logging;
using SloScaler.Operator.Health;
using SloScaler.Operator.Hosting;
using SloScaler.Operator.Telemetry;
using k8s.LeaderElection.ResourceLock;
using k8s.LeaderElection;
using k8s;

namespace SloScaler.Operator.Leadership;

/// <summary>
/// Leader election over a <c>coordination.k8s.io/v1</c> Lease with KubernetesClient's
/// <see cref="LeaderElector"/>. Only the leader runs the work; losing the lease cancels it at
/// once. A failure to reach the API server while standing by is retried.
/// </summary>
internal sealed class LeaderElection(
    IKubernetes client, RunOptions options, string identity, OperatorReadiness readiness, OperatorMetrics metrics, TimeProvider time, ILogger<LeaderElection> logger)
{
    public string Identity => identity;

    /// <summary>
    /// Campaigns until elected, runs <paramref name="lead"/>(stopping, abort) while leading.
    /// Returns true when leadership was held and then lost, false when stopped.
    /// </summary>
    public async Task<bool> RunAsync(Func<CancellationToken, CancellationToken, Task> lead, CancellationToken stopping)
    {
        var ns = options.LeaderElectionNamespace ?? throw new InvalidOperationException("the leader election namespace is not set");
        logger.LogInformation("Campaigning for Lease {Namespace}/{Name} as {Identity}", ns, options.LeaderElectionName, identity);
        while (!stopping.IsCancellationRequested)
        {
            var config = new LeaderElectionConfig(new LeaseLock(client, ns, options.LeaderElectionName, identity))
            {
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
            };
            using var elector = new LeaderElector(config);
            using var abort = new CancellationTokenSource();
            Task? leading = null;
            elector.OnStartedLeading += () =>
            {
                logger.LogInformation("Elected leader ({Identity}); reconciling", identity);
                readiness.Leading = true;
                metrics.SetLeader(true);
                leading = Task.Run(() => lead(stopping, abort.Token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                readiness.Leading = false;
                metrics.SetLeader(false);
                if (!stopping.IsCancellationRequested) abort.Cancel(); // lost: stop reconciling at once
            };
            elector.OnNewLeader += leader =>
            {
                readiness.StandbyHealthy = true;
                if (leader != identity) logger.LogInformation("The Lease is held by {Leader}", leader);
            };
            elector.OnError += e =>
            {
                if (e is not OperationCanceledException) logger.LogWarning("Leader election: {Error}", e.Message);
            };

            try
            {
                await elector.RunUntilLeadershipLostAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // stopping
            }
            catch (Exception e) when (leading is null)
            {
                readiness.StandbyHealthy = false;
                logger.LogWarning("Leader election could not reach the Lease: {Error}; retrying in {Delay}", e.Message, options.RetryPeriod);
                if (!await DelayAsync(options.RetryPeriod, stopping)) return false;
                continue;
            }

            if (leading is null) return false;
            var lost = !stopping.IsCancellationRequested;
            if (lost) logger.LogError("Leadership of Lease {Namespace}/{Name} lost; reconciling stopped", ns, options.LeaderElectionName);
            await leading;
            if (!lost) await ReleaseAsync(ns);
            return lost;
        }
        return false;
    }

    /// <summary>
    /// After a graceful stop (reconciles drained), hands the Lease back so a standby takes over
    /// at its next retry instead of waiting for the lease to expire (controller-runtime's
    /// ReleaseOnCancel). Best effort and bounded: a failure only delays the handover.
    /// </summary>
    private async Task ReleaseAsync(string ns)
    {
        using var bound = new CancellationTokenSource(options.RenewDeadline, time);
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaderElectionName, ns, cancellationToken: bound.Token);
            if (lease.Spec?.HolderIdentity != identity) return;
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = time.GetUtcNow().UtcDateTime;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaderElectionName, ns, cancellationToken: bound.Token);
            logger.LogInformation("Released Lease {Namespace}/{Name}", ns, options.LeaderElectionName);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not release Lease {Namespace}/{Name}: {Error}; it expires on its own", ns, options.LeaderElectionName, e.Message);
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
