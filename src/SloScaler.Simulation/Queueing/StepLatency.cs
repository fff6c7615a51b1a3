namespace SloScaler.Simulation.Queueing;

/// <summary>
/// The response-time distribution of the requests that arrived during one simulation step.
/// A request waits for the backlog ahead of it (a deterministic extra wait D, from the fluid
/// model in <see cref="ServiceSimulator"/>) and then goes through a steady M/M/c replica
/// (<see cref="Queue"/>):
/// <code>
///   P(T &gt; t) = (1 − f)·S₀(t) + f·E[S₀(t − D)],   D ~ Uniform[D_low, D_high]
///            = (1 − f)·S₀(t) + f·(J(t − D_high) − J(t − D_low)) / (D_high − D_low)
/// </code>
/// where S₀ is the queue's survival (1 for negative arguments), J(x) = ∫_x^∞ S₀(u) du (closed form,
/// = E[T₀] − x for x &lt; 0), and f is the fraction of the step's arrivals that met a backlog.
/// A backlog that changes linearly over the step gives arrivals (uniform in time) a uniformly
/// distributed extra wait, so this is exact for the fluid model, not a sub-sampling.
/// With no serving replicas the step is <see cref="IsUnbounded"/>: P(T &gt; t) = 1 for every t,
/// every quantile and the mean are +∞. <c>default(StepLatency)</c> is unbounded.
/// </summary>
public readonly record struct StepLatency : ISurvival
{
    private readonly MmcQueue _queue;
    private readonly double _delayedFraction;
    private readonly double _waitLow;
    private readonly double _waitHigh;

    private StepLatency(MmcQueue queue, double delayedFraction, double waitLow, double waitHigh)
    {
        _queue = queue;
        _delayedFraction = delayedFraction;
        _waitLow = waitLow;
        _waitHigh = waitHigh;
    }

    /// <summary>No serving capacity: the latency of the step's arrivals is unbounded.</summary>
    public static StepLatency Unbounded => default;

    /// <summary>Requests see the steady state of <paramref name="queue"/> and no backlog.</summary>
    public static StepLatency Steady(MmcQueue queue) => new(queue, 0, 0, 0);

    /// <summary>
    /// A fraction <paramref name="delayedFraction"/> of the step's arrivals waits an extra
    /// Uniform[<paramref name="backlogWaitLow"/>, <paramref name="backlogWaitHigh"/>] seconds
    /// before entering <paramref name="queue"/>; the rest enters directly.
    /// </summary>
    public static StepLatency WithBacklog(MmcQueue queue, double delayedFraction, double backlogWaitLow, double backlogWaitHigh)
    {
        if (!(delayedFraction >= 0 && delayedFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delayedFraction), delayedFraction, "must be in [0, 1]");
        }

        if (!(backlogWaitLow >= 0) || !(backlogWaitHigh >= backlogWaitLow) || double.IsInfinity(backlogWaitHigh))
        {
            throw new ArgumentOutOfRangeException(nameof(backlogWaitHigh), backlogWaitHigh, "backlog waits must satisfy 0 ≤ low ≤ high < ∞");
        }

        return new(queue, delayedFraction, backlogWaitLow, backlogWaitHigh);
    }

    /// <summary>True when no replica served the step (or the queue is unstable): latency is +∞.</summary>
    public bool IsUnbounded => !_queue.IsStable;

    /// <summary>The steady M/M/c replica queue requests go through after any backlog.</summary>
    public MmcQueue Queue => _queue;

    /// <summary>f, the fraction of the step's arrivals that found a backlog.</summary>
    public double DelayedFraction => _delayedFraction;

    /// <summary>The smallest backlog wait (seconds) among delayed arrivals.</summary>
    public double BacklogWaitLow => _waitLow;

    /// <summary>The largest backlog wait (seconds) among delayed arrivals.</summary>
    public double BacklogWaitHigh => _waitHigh;

    /// <summary>The backlog wait averaged over all the step's arrivals, f·(D_low + D_high)/2 seconds.</summary>
    public double MeanBacklogWait => _delayedFraction * 0.5 * (_waitLow + _waitHigh);

    /// <summary>E[T] in seconds; +∞ when unbounded.</summary>
    public double Mean => IsUnbounded ? double.PositiveInfinity : _queue.MeanResponseTime + MeanBacklogWait;

    /// <summary>P(T &gt; t), t in seconds.</summary>
    public double Survival(double seconds) => Evaluate(seconds, out _);

    /// <summary>P(T &gt; t) and the density −d/dt P(T &gt; t) at t.</summary>
    internal double Evaluate(double seconds, out double density)
    {
        if (IsUnbounded)
        {
            density = 0;
            return 1.0;
        }

        var survival = 0.0;
        density = 0.0;
        if (_delayedFraction < 1)
        {
            survival = (1.0 - _delayedFraction) * _queue.Evaluate(seconds, out var directDensity, out _);
            density = (1.0 - _delayedFraction) * directDensity;
        }

        if (_delayedFraction > 0)
        {
            survival += _delayedFraction * DelayedEvaluate(seconds, out var delayedDensity);
            density += _delayedFraction * delayedDensity;
        }

        return survival;
    }

    double ISurvival.Evaluate(double seconds, out double density) => Evaluate(seconds, out density);

    /// <summary>The response-time quantile (e.g. 0.99) in seconds, ~1e-10 relative; +∞ when unbounded.</summary>
    public double Quantile(double quantile)
    {
        MmcQueue.ValidateQuantile(quantile);
        if (IsUnbounded)
        {
            return double.PositiveInfinity;
        }

        if (_delayedFraction == 0)
        {
            return _queue.Quantile(quantile);
        }

        var self = this;
        return QuantileSolver.Solve(ref self, quantile, QuantileUpperBound(quantile));
    }

    /// <summary>A t with P(T &gt; t) ≤ 1 − q (bounded steps only).</summary>
    internal double QuantileUpperBound(double quantile) =>
        (_delayedFraction > 0 ? _waitHigh : 0) + _queue.QuantileUpperBound(quantile);

    /// <summary>
    /// Survival and density of T₀ + D, D ~ Uniform[low, high]: (J(t − high) − J(t − low)) / width
    /// and (S₀(t − high) − S₀(t − low)) / width. When the width is below 1e-6·E[T₀] the difference
    /// of J would cancel, and a point shift by the midpoint is used (an error ≤ 5e-7·E[T₀]).
    /// </summary>
    private double DelayedEvaluate(double seconds, out double density)
    {
        var width = _waitHigh - _waitLow;
        if (width <= 1e-6 * _queue.MeanResponseTime)
        {
            return _queue.Evaluate(seconds - (0.5 * (_waitLow + _waitHigh)), out density, out _);
        }

        var survivalLate = _queue.Evaluate(seconds - _waitHigh, out _, out var tailLate);
        var survivalEarly = _queue.Evaluate(seconds - _waitLow, out _, out var tailEarly);
        density = (survivalLate - survivalEarly) / width;
        return (tailLate - tailEarly) / width;
    }
}
