namespace SloScaler.Simulation.Queueing;

/// <summary>
/// Advances the simulated service by one step. The service has n serving replicas, each an FCFS
/// M/M/c queue with c = workers and μ = 1/serviceTime; a load balancer splits the Poisson arrivals
/// (rate λ) evenly, λ/n per replica. Capacity is C = n·c·μ requests/s.
/// <para>
/// Overload is a fluid backlog B (total requests, shared: a replica added or removed shares or
/// hands over its queue), constant λ and n within the step:
/// B(s) = max(0, B₀ + (λ − C)·s) for s in [0, dt]. It grows by exactly (λ − C)·dt while λ &gt; C and
/// drains at C − λ afterwards. A request arriving at s waits B(s)/C extra (FIFO behind the
/// backlog at full speed) and then sees the replica's steady M/M/c state at λ/n, its utilisation
/// capped at <see cref="SaturationUtilisation"/> (no steady state exists at or above 1; above the
/// cap the growing backlog carries the overload). The step's <see cref="StepLatency"/> mixes
/// those extra waits over arrivals exactly: uniform while B(s) is linear, and split into a
/// delayed and an undelayed part when the backlog empties mid-step.
/// </para>
/// <para>
/// With n = 0 nothing is served: B grows by λ·dt and the step's latency is
/// <see cref="StepLatency.Unbounded"/> (+∞ quantiles; give such steps their arrivals as weight in a
/// <see cref="LatencyMixture"/> and the +∞ only shows if they exceed 1 − q of all requests).
/// </para>
/// </summary>
public static class ServiceSimulator
{
    /// <summary>
    /// The highest utilisation for which the steady M/M/c part is evaluated; more load than this
    /// is evaluated at this utilisation (a near-critical queue) plus the fluid backlog.
    /// </summary>
    public const double SaturationUtilisation = 0.99;

    /// <summary>Advances <paramref name="state"/> by <paramref name="dt"/>; pure.</summary>
    /// <param name="state">The state at the start of the step.</param>
    /// <param name="dt">The step length (&gt; 0).</param>
    /// <param name="arrivalRate">λ, requests per second (≥ 0) during the step.</param>
    /// <param name="servingReplicas">n, replicas that are ready and receive traffic (≥ 0).</param>
    /// <param name="workers">c, parallel requests per replica (≥ 1).</param>
    /// <param name="serviceTime">Mean service time of one request, 1/μ (&gt; 0).</param>
    public static StepResult Step(ServiceState state, TimeSpan dt, double arrivalRate, int servingReplicas, int workers, TimeSpan serviceTime)
    {
        if (dt <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dt), dt, "the step must be positive");
        }

        if (!(arrivalRate >= 0) || double.IsInfinity(arrivalRate))
        {
            throw new ArgumentOutOfRangeException(nameof(arrivalRate), arrivalRate, "the arrival rate must be finite and ≥ 0");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(servingReplicas);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (serviceTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(serviceTime), serviceTime, "the service time must be positive");
        }

        if (!(state.Backlog >= 0) || double.IsInfinity(state.Backlog))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.Backlog, "the backlog must be finite and ≥ 0");
        }

        var seconds = dt.TotalSeconds;
        var arrivals = arrivalRate * seconds;
        var backlog0 = state.Backlog;
        if (servingReplicas == 0)
        {
            var utilisation = arrivalRate > 0 ? double.PositiveInfinity : 0.0;
            return new StepResult(new ServiceState(backlog0 + arrivals), StepLatency.Unbounded, arrivals, 0.0, utilisation);
        }

        var serviceRate = 1.0 / serviceTime.TotalSeconds;
        var capacity = servingReplicas * workers * serviceRate;
        var net = arrivalRate - capacity;
        var backlogEnd = backlog0 + (net * seconds);
        var backlog1 = Math.Max(0.0, backlogEnd);

        var perReplica = Math.Min(arrivalRate / servingReplicas, SaturationUtilisation * workers * serviceRate);
        var queue = new MmcQueue(workers, perReplica, serviceRate);

        StepLatency latency;
        if (backlog0 <= 0 && net <= 0)
        {
            latency = StepLatency.Steady(queue);
        }
        else if (backlogEnd >= 0)
        {
            // Backlog present all step: waits run linearly from B₀/C to B₁/C.
            latency = StepLatency.WithBacklog(queue, 1.0, Math.Min(backlog0, backlog1) / capacity, Math.Max(backlog0, backlog1) / capacity);
        }
        else
        {
            // The backlog empties at s* = B₀/(C − λ): arrivals before it wait B₀/C down to 0.
            var delayed = Math.Min(1.0, backlog0 / -net / seconds);
            latency = StepLatency.WithBacklog(queue, delayed, 0.0, backlog0 / capacity);
        }

        return new StepResult(new ServiceState(backlog1), latency, arrivals, arrivals + backlog0 - backlog1, arrivalRate / capacity);
    }
}
