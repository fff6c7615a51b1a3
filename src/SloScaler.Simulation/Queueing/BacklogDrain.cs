namespace SloScaler.Simulation.Queueing;

/// <summary>
/// How long a backlog really takes to drain, once a run's serving capacity is known step by step.
/// <see cref="ServiceSimulator"/> gives a request behind a backlog B the wait B/C at the capacity C
/// of the step it arrives in; when replicas are added while it waits, the backlog ahead of it (FIFO)
/// is served faster than that. Here the wait is the time the capacities that follow actually take
/// to serve B: the smallest W with ∫ₜ^{t+W} C(u) du = B (the backlog ahead is served at the full
/// capacity until it is gone). Past the run's end the last step's capacity is assumed.
/// </summary>
public sealed class BacklogDrain
{
    private readonly double[] _capacity;
    private readonly double[] _served; // requests served from the run's start to each step's start
    private readonly double _step;

    /// <param name="capacity">Requests/s served per step (serving replicas × workers ÷ service time).</param>
    /// <param name="stepSeconds">The step length.</param>
    public BacklogDrain(IReadOnlyList<double> capacity, double stepSeconds)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        if (!(stepSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(stepSeconds), stepSeconds, "the step must be positive");
        _capacity = [.. capacity];
        _step = stepSeconds;
        _served = new double[_capacity.Length + 1];
        for (var i = 0; i < _capacity.Length; i++) _served[i + 1] = _served[i] + (_capacity[i] * stepSeconds);
    }

    /// <summary>Seconds to serve <paramref name="backlog"/> requests from the start of step <paramref name="step"/>; +∞ when nothing ever serves them.</summary>
    public double Wait(int step, double backlog)
    {
        if (!(backlog > 0)) return 0;
        var n = _capacity.Length;
        step = Math.Clamp(step, 0, n);
        var goal = _served[step] + backlog;
        if (goal <= _served[n])
        {
            // The first step by whose end the backlog is served.
            var lo = step;
            var hi = n - 1;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_served[mid + 1] >= goal) hi = mid;
                else lo = mid + 1;
            }

            return ((lo - step) * _step) + ((goal - _served[lo]) / _capacity[lo]);
        }

        var last = n > 0 ? _capacity[n - 1] : 0;
        return last > 0 ? ((n - step) * _step) + ((goal - _served[n]) / last) : double.PositiveInfinity;
    }

    /// <summary>
    /// <paramref name="latency"/> of step <paramref name="step"/> with its backlog waits taken from the
    /// capacity that drains them, when a backlog lasted the whole step (from <paramref name="backlogStart"/>
    /// to <paramref name="backlogEnd"/> &gt; 0); otherwise unchanged (a backlog that empties within the step
    /// is drained at that step's capacity, as the simulator already has it).
    /// </summary>
    public StepLatency Redrained(StepLatency latency, int step, double backlogStart, double backlogEnd)
    {
        if (latency.IsUnbounded || latency.DelayedFraction <= 0 || !(backlogEnd > 0)) return latency;
        var first = Wait(step, backlogStart);
        var next = Wait(step + 1, backlogEnd);
        if (!double.IsFinite(first) || !double.IsFinite(next)) return latency;
        return StepLatency.WithBacklog(latency.Queue, latency.DelayedFraction, Math.Min(first, next), Math.Max(first, next));
    }
}
