using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloScaler.Core.Observations;
using SloScaler.Core.Reconcile;
using SloScaler.Operator.Controller;
using SloScaler.Operator.Health;
using SloScaler.Operator.Kubernetes;
using SloScaler.Operator.KubernetesClient;
using SloScaler.Operator.Leadership;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Retries;
using SloScaler.Operator.Telemetry;
using k8s;

namespace SloScaler.Operator.Hosting;

/// <summary>
/// The object graph <c>run</c> needs, for the long-running host and for <c>--once</c> alike: the
/// Kubernetes client and adapters, the Prometheus adapter, the core's reconcile step, the
/// controller and the metrics. Every port is registered with TryAdd, so a test can put its own
/// (an in-memory source, a fake Prometheus) in first.
/// </summary>
public static class OperatorServices
{
    public static IServiceCollection AddOperator(this IServiceCollection services, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRunEnvironment>(RunEnvironment.Current);
        services.TryAddSingleton<OperatorMetrics>();
        services.TryAddSingleton(sp => new OperatorReadiness { LeaderElection = options.LeaderElect });
        services.TryAddSingleton<OperatorExit>();
        // Retry jitter, watch timeouts and Event names: fresh per process, so replicas (and restarts) differ.
        services.TryAddSingleton(new SeededRandom(SeededRandom.FreshSeed()));

        services.TryAddSingleton<IKubernetes>(sp => KubernetesClientFactory.Create(options.Kubeconfig, new KubernetesClientOptions
        {
            Qps = options.KubeQps,
            Burst = options.KubeBurst,
            RateLimitObserver = sp.GetRequiredService<OperatorMetrics>(),
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
        }));
        services.TryAddSingleton(new KubernetesPolicySourceOptions { Namespaces = options.Namespaces });
        services.TryAddSingleton(sp => new KubernetesStatusSinkOptions { UidLookup = key => sp.GetRequiredService<PolicyController>().UidOf(key) });
        services.TryAddSingleton<IPolicySource>(sp => ActivatorUtilities.CreateInstance<KubernetesPolicySource>(sp));
        services.TryAddSingleton<IScaleTarget>(sp => ActivatorUtilities.CreateInstance<KubernetesScaleTarget>(sp));
        services.TryAddSingleton<IStatusSink>(sp => ActivatorUtilities.CreateInstance<KubernetesStatusSink>(sp));

        services.TryAddSingleton<IMetricsSource>(sp => new PrometheusMetricsSource(
            new PrometheusOptions
            {
                DefaultAddress = options.PrometheusAddress,
                DefaultTimeout = options.PrometheusTimeout,
                DefaultBearerTokenFile = options.PrometheusBearerTokenFile,
                DefaultCaFile = options.PrometheusCaFile,
                DefaultHeaders = options.PrometheusHeaders,
                MaxConcurrentQueries = options.MaxConcurrentQueries,
            },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<OperatorMetrics>()));

        services.TryAddSingleton(sp => new ReconcileStep(
            sp.GetRequiredService<IMetricsSource>(), sp.GetRequiredService<IScaleTarget>(), sp.GetRequiredService<IStatusSink>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new PolicyControllerOptions
        {
            MaxConcurrentReconciles = options.MaxConcurrentReconciles,
            DryRun = options.DryRun,
            DrainTimeout = options.DrainTimeout,
            Seed = options.Seed,
        });
        services.TryAddSingleton(sp => new PolicyController(
            sp.GetRequiredService<IPolicySource>(), sp.GetRequiredService<ReconcileStep>(), sp.GetRequiredService<PolicyControllerOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PolicyController>>(), sp.GetRequiredService<OperatorMetrics>()));
        services.TryAddSingleton(sp => new LeaderElection(
            sp.GetRequiredService<IKubernetes>(), options, options.LeaderElectionIdentity ?? LeaderIdentity.Create(sp.GetRequiredService<IRunEnvironment>()),
            sp.GetRequiredService<OperatorReadiness>(), sp.GetRequiredService<OperatorMetrics>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LeaderElection>>()));
        return services;
    }
}
