using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Health;
using SloScaler.Operator.Leadership;
using SloScaler.Operator.Telemetry;

namespace SloScaler.Operator.Hosting;

/// <summary>
/// Runs the controller: at once without leader election, else only while this process leads.
/// Losing the lease stops reconciling at once and stops the process with exit code 1, so
/// Kubernetes restarts it as a fresh candidate (controller-runtime does the same).
/// </summary>
internal sealed class OperatorService(
    IServiceProvider services, RunOptions options, PolicyController controller, OperatorReadiness readiness, OperatorMetrics metrics,
    OperatorExit exit, IHostApplicationLifetime lifetime, ILogger<OperatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        readiness.WatchSyncedBy(() => controller.HasSynced);
        try
        {
            if (!options.LeaderElect)
            {
                readiness.Leading = true;
                metrics.SetLeader(true);
                await controller.RunAsync(stoppingToken);
                return;
            }

            var election = services.GetRequiredService<LeaderElection>();
            var lost = await election.RunAsync((stopping, abort) => controller.RunAsync(stopping, abort), stoppingToken);
            if (lost)
            {
                exit.Fail(1);
                lifetime.StopApplication();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "The operator failed; exiting");
            exit.Fail(1);
            lifetime.StopApplication();
        }
        finally
        {
            readiness.Leading = false;
            metrics.SetLeader(false);
        }
    }
}
