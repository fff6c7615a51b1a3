namespace SloScaler.Simulation.Queueing;

/// <summary>The true per-replica capacity of the M/M/c replica model under a tail-latency objective.</summary>
public static class ServiceCapacity
{
    /// <summary>
    /// The largest per-replica arrival rate λ (requests/s) whose steady-state response-time
    /// <paramref name="quantile"/> is ≤ <paramref name="objective"/>, for an M/M/c replica with
    /// c = <paramref name="workers"/> and μ = 1/<paramref name="serviceTime"/>. The quantile grows
    /// with λ, so bisection on [0, cμ) to 1e-12 relative finds it. 0 when even an idle replica
    /// misses the objective (the service time alone: −ln(1 − q)/μ &gt; objective).
    /// For M/M/1 it is μ − ln(1/(1 − q)) / objective (the response time is Exp(μ − λ)).
    /// </summary>
    public static double CapacityPerReplica(int workers, TimeSpan serviceTime, TimeSpan objective, double quantile = 0.99)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (serviceTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(serviceTime), serviceTime, "the service time must be positive");
        }

        if (objective <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(objective), objective, "the objective must be positive");
        }

        MmcQueue.ValidateQuantile(quantile);
        var serviceRate = 1.0 / serviceTime.TotalSeconds;
        var target = objective.TotalSeconds;
        if (new MmcQueue(workers, 0, serviceRate).Quantile(quantile) > target)
        {
            return 0.0;
        }

        var lo = 0.0;
        var hi = workers * serviceRate;
        for (var i = 0; i < 200 && hi - lo > 1e-12 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (new MmcQueue(workers, mid, serviceRate).Quantile(quantile) <= target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// The mean service time at which one replica of <paramref name="workers"/> workers carries exactly
    /// <paramref name="capacityPerReplica"/> requests/s with its steady <paramref name="quantile"/> at
    /// <paramref name="objective"/>: the inverse of <see cref="CapacityPerReplica"/>, by bisection on a
    /// log scale (capacity falls as the service time grows).
    /// </summary>
    public static TimeSpan ServiceTimeFor(int workers, TimeSpan objective, double capacityPerReplica, double quantile = 0.99)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        if (!(capacityPerReplica > 0) || double.IsInfinity(capacityPerReplica))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPerReplica), capacityPerReplica, "the capacity must be positive and finite");
        }

        var lo = Math.Log(objective.TotalSeconds * 1e-9); // carries more than asked
        var hi = Math.Log(objective.TotalSeconds); // an idle replica already misses the objective: carries nothing
        for (var i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (CapacityPerReplica(workers, TimeSpan.FromSeconds(Math.Exp(mid)), objective, quantile) >= capacityPerReplica)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return TimeSpan.FromSeconds(Math.Exp(lo));
    }
}
