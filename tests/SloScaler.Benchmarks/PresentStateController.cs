using System.Globalization;
using SloScaler.Simulation.Queueing;
using SloScaler.Simulation.Runs;
using SloScaler.Simulation.Traces;

namespace SloScaler.Benchmarks;

/// <summary>
/// A bound for the built-in <c>noisy</c> scenario, not a product strategy: a controller that is told
/// the generator's hidden state and sizes for an upper quantile of what it cannot know.
/// <para>
/// What it knows: at decision step i, the exact hidden state at trace point i from
/// <see cref="BuiltInTraces.NoisyWithState"/> — the AR(1) log-level, the surge, its target and its
/// remaining hold — and the generator's equations and constants. What it does not know: the future
/// white noise (σ 0.1 per point, nor point i's own), the future innovations of the level (σ 0.03 per
/// point), and whether a new surge will start (it assumes none will; surges start with p = 0.006
/// per idle point).
/// </para>
/// <para>
/// What it does: it runs the deterministic part forward — the level decays by 0.98 per point, the
/// surge follows its known target/hold schedule — to a smooth log-load s at points i, i+1, …; step
/// j's load is the mid-step average of points j and j+1, so it takes the log-load of step j as
/// (s_j + s_{j+1}) / 2 with variance 0.1²/2 (white noise averaged over two points) plus the level's
/// drift: given level_i, the average of level_j and level_{j+1} = 0.99·level_j + e/2 has variance
/// 0.99²·V(j − i) + 0.03²/4, with V(h) = 0.03²·(1 − 0.98^{2h}) / (1 − 0.98²) from the AR(1). It
/// sizes step j for exp(mean + z·sd) requests/s (scaled to the scenario's units by the factor between
/// the scenario's load and the normalised trace) at the true per-replica capacity, as the oracle does.
/// A replica requested at step i serves from step i + start-up, so a scale-up covers the steps
/// i + start-up and i + start-up + 1; a removal takes effect at once, so a scale-down keeps enough
/// for every step from i to i + start-up + 1.
/// </para>
/// </summary>
internal sealed class PresentStateController : IScalingController
{
    private const double LevelDecay = 0.98;
    private const double LevelSigma = 0.03;
    private const double NoiseSigma = 0.1;
    private const double SurgeRate = 0.06;

    private readonly IReadOnlyList<NoisyState> _states;
    private readonly double _logScale;
    private readonly double _capacity;
    private readonly double _z;
    private readonly int _startupSteps;
    private readonly int _steps;
    private readonly int _points;
    private readonly double[] _smooth;

    public PresentStateController(ScenarioSpec spec, NoisyTrace noisy, double z)
    {
        if (spec.Step != noisy.Trace.Step || spec.Load.Count != noisy.Trace.Count)
        {
            throw new ArgumentException("the scenario's load must be the noisy trace point for point", nameof(spec));
        }

        // The scenario's load is the normalised trace times a factor; point k in requests/s is
        // exp(level + surge + noise) · factor / peak.
        var factor = spec.Load.Peak / noisy.Trace.Peak;
        for (var k = 0; k < spec.Load.Count; k++)
        {
            if (Math.Abs(spec.Load.Rps[k] - (noisy.Trace.Rps[k] * factor)) > 1e-9 * spec.Load.Peak)
            {
                throw new ArgumentException($"the scenario's load is not the noisy trace scaled (point {k})", nameof(spec));
            }
        }

        var service = spec.Service;
        _states = noisy.States;
        _logScale = Math.Log(factor / noisy.Peak);
        _capacity = ServiceCapacity.CapacityPerReplica(service.Workers, service.ServiceTime, service.Objective, ScenarioRunner.Quantile);
        _z = z;
        _startupSteps = (int)Math.Ceiling(service.StartupTime / spec.Step);
        _steps = (int)(spec.Length.Ticks / spec.Step.Ticks);
        _points = noisy.Trace.Count;
        _smooth = new double[_startupSteps + 3];
        Name = string.Create(CultureInfo.InvariantCulture, $"present-state z={z}");
        InitialReplicas = Math.Max(1, MaxNeeded(0, 0, _startupSteps + 1));
    }

    public string Name { get; }

    public int InitialReplicas { get; }

    public string? LastReason { get; private set; }

    public int Decide(ControllerContext context)
    {
        var i = context.StepIndex;
        var up = MaxNeeded(i, i + _startupSteps, i + _startupSteps + 1);
        var wanted = up >= context.Requested ? up : Math.Min(context.Requested, MaxNeeded(i, i, i + _startupSteps + 1));
        LastReason = string.Create(CultureInfo.InvariantCulture, $"hidden state at step {i}: {up} replicas for steps {i + _startupSteps}–{i + _startupSteps + 1}");
        return wanted;
    }

    /// <summary>The most replicas any step from <paramref name="first"/> to <paramref name="last"/> needs, forecast from point <paramref name="now"/>.</summary>
    private int MaxNeeded(int now, int first, int last)
    {
        Forecast(now);
        var max = 0;
        for (var j = first; j <= Math.Min(last, _steps - 1); j++)
        {
            var h = j - now;
            var drift = LevelSigma * LevelSigma * (1 - Math.Pow(LevelDecay, 2 * h)) / (1 - (LevelDecay * LevelDecay));
            double mean, variance;
            if (j + 1 < _points)
            {
                mean = 0.5 * (_smooth[h] + _smooth[h + 1]);
                variance = (NoiseSigma * NoiseSigma / 2) + (0.99 * 0.99 * drift) + (LevelSigma * LevelSigma / 4);
            }
            else
            {
                // The last step has no next point: the runner's interpolation holds the last one.
                mean = _smooth[h];
                variance = (NoiseSigma * NoiseSigma) + drift;
            }

            var load = Math.Exp(_logScale + mean + (_z * Math.Sqrt(variance)));
            max = Math.Max(max, OracleController.Needed(load, _capacity));
        }

        return max;
    }

    /// <summary>Fills <see cref="_smooth"/>[h] with the expected level + surge at point now + h, assuming no new surge starts.</summary>
    private void Forecast(int now)
    {
        var state = _states[Math.Min(now, _states.Count - 1)];
        double level = state.Level, surge = state.Surge, target = state.Target;
        var hold = state.Hold;
        _smooth[0] = level + surge;
        for (var h = 1; h < _smooth.Length; h++)
        {
            level *= LevelDecay;
            if (hold > 0) hold--;
            else if (target > 0) target = 0;
            surge += Math.Clamp(target - surge, -SurgeRate, SurgeRate);
            _smooth[h] = level + surge;
        }
    }
}
