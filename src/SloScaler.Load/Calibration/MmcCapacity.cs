using SloScaler.Simulation.Queueing;

namespace SloScaler.Load.Calibration;

/// <summary>
/// The truth a calibration is checked against: the highest arrival rate at which an M/M/c queue
/// (c workers, exponential service of the given mean) keeps the response-time quantile within the
/// objective, by bisection on Erlang C. 0 when even an idle server misses it.
/// </summary>
public static class MmcCapacity
{
    public static double MaxRate(int workers, TimeSpan meanServiceTime, double quantile, TimeSpan objective)
    {
        var mu = 1.0 / meanServiceTime.TotalSeconds;
        var limit = objective.TotalSeconds;
        if (ErlangC.ResponseTimeQuantile(workers, 0, mu, quantile) > limit)
        {
            return 0;
        }

        double low = 0, high = workers * mu;
        for (var i = 0; i < 100; i++)
        {
            var mid = 0.5 * (low + high);
            if (ErlangC.ResponseTimeQuantile(workers, mid, mu, quantile) <= limit)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
