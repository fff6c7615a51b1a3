using System.Globalization;
using SloScaler.Simulation.Queueing;
using SloScaler.Simulation;
using SloScaler.Simulation.Cluster;
using SloScaler.Simulation.Scenarios;
using SloScaler.Simulation.Strategies;
using SloScaler.Simulation.Verdicts;
using SloScaler.Simulation.Traces;

namespace SloScaler.Benchmarks;

/// <summary>What a <see cref="PresentStateController"/> is told about the noisy generator's surge, and so how it forecasts it.</summary>
internal enum SurgeForesight
{
    /// <summary><c>present-state</c>: the surge offset, its target and its remaining hold; it runs the surge's known schedule forward.</summary>
    Schedule,

    /// <summary><c>present-level</c>: the surge offset only, not its target or hold; it assumes the offset stays where it is.</summary>
    Held,

    /// <summary>
    /// <c>present-trend</c>: the surge offset only, not its target or hold, and the offset at the point before; it
    /// assumes the offset keeps its latest per-point change (a rising surge keeps rising at the same pace),
    /// clamped to [0, ln 2 + 3·0.15], the largest offset a surge plausibly reaches (or to [0, the present
    /// offset] if that is higher).
    /// </summary>
    Trend,
}

/// <summary>
/// A bound for the built-in <c>noisy</c> scenario, not a product strategy: a controller that is told
/// the generator's hidden state and sizes for an upper quantile of what it cannot know.
/// <para>
/// What it knows: at decision step i, the hidden state at trace point i from
/// <see cref="BuiltInTraces.NoisyWithState"/> and the generator's equations and constants. Always the
/// exact AR(1) log-level and the surge offset; with <see cref="SurgeForesight.Schedule"/>
/// (<c>present-state</c>) also the surge's target and remaining hold, i.e. at a surge's first point how
/// high it will climb and how long it will last, foresight no real controller has; with
/// <see cref="SurgeForesight.Held"/> (<c>present-level</c>) and <see cref="SurgeForesight.Trend"/>
/// (<c>present-trend</c>) neither, the latter also the offset at point i − 1 (0 before the first
/// point). What it does not know: the future white noise (σ 0.1 per point, nor point i's own), the
/// future innovations of the level (σ 0.03 per point), and whether a new surge will start (it assumes
/// none will; surges start with p = 0.006 per idle point).
/// </para>
/// <para>
/// What it does: it runs the deterministic part forward — the level decays by 0.98 per point; the
/// surge follows its known target/hold schedule (<c>present-state</c>), stays at its present offset
/// (<c>present-level</c>), or moves by its latest per-point change, clamped to [0, ln 2 + 3·0.15]
/// (<c>present-trend</c>; the upper end is the present offset if that is higher) — to a smooth log-load s at points i, i+1, …; step
/// j's load is the mid-step average of points j and j+1, so it takes the log-load of step j as
/// (s_j + s_{j+1}) / 2 with variance 0.1²/2 (white noise averaged over two points) plus the level's
/// drift: given level_i, the average of level_j and level_{j+1} = 0.99·level_j + e/2 has variance
/// 0.99²·V(j − i) + 0.03²/4, with V(h) = 0.03²·(1 − 0.98^{2h}) / (1 − 0.98²) from the AR(1). The
/// variants share this uncertainty model: none adds variance for the surge forecast. It
/// sizes step j for exp(mean + z·sd) requests/s (scaled to the scenario's units by the factor between
/// the scenario's load and the normalised trace) at the true per-replica capacity, as the oracle does.
/// A replica requested at step i serves from step i + start-up, so a scale-up covers the steps
/// i + start-up and i + start-up + 1; a removal takes effect at once, so a scale-down keeps enough
/// for every step from i to i + start-up + 1.
/// </para>
/// </summary>
internal sealed class PresentStateController : IScalingController
{
    private const double LevelDecay = NoisyModel.LevelDecay;
    private const double LevelSigma = NoisyModel.LevelSigma;
    private const double NoiseSigma = NoisyModel.NoiseSigma;
    private const double SurgeRate = NoisyModel.SurgeRate;

    /// <summary>The largest surge offset <see cref="SurgeForesight.Trend"/> extrapolates to: a target three σ above ln 2.</summary>
    private static readonly double MaxSurge = NoisyModel.SurgeUplift + (3 * NoisyModel.SurgeUpliftSigma);

    private readonly IReadOnlyList<NoisyState> _states;
    private readonly double _logScale;
    private readonly double _capacity;
    private readonly double _z;
    private readonly SurgeForesight _foresight;
    private readonly int _startupSteps;
    private readonly int _steps;
    private readonly int _points;
    private readonly double[] _smooth;

    public PresentStateController(ScenarioSpec spec, NoisyTrace noisy, double z, SurgeForesight foresight = SurgeForesight.Schedule)
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
        _foresight = foresight;
        _startupSteps = (int)Math.Ceiling(service.StartupTime / spec.Step);
        _steps = (int)(spec.Length.Ticks / spec.Step.Ticks);
        _points = noisy.Trace.Count;
        _smooth = new double[_startupSteps + 3];
        Name = string.Create(CultureInfo.InvariantCulture, $"{Label(foresight)} z={z}");
        InitialReplicas = Math.Max(1, MaxNeeded(0, 0, _startupSteps + 1));
    }

    public string Name { get; }

    /// <summary>The strategy's name without z: <c>present-state</c>, <c>present-level</c> or <c>present-trend</c>.</summary>
    public static string Label(SurgeForesight foresight) => foresight switch
    {
        SurgeForesight.Schedule => "present-state",
        SurgeForesight.Held => "present-level",
        SurgeForesight.Trend => "present-trend",
        _ => throw new ArgumentOutOfRangeException(nameof(foresight), foresight, "no such foresight"),
    };

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

    /// <summary>
    /// Fills <see cref="_smooth"/>[h] with the expected level + surge at point now + h, assuming no new
    /// surge starts, the surge forecast as <see cref="_foresight"/> says.
    /// </summary>
    private void Forecast(int now)
    {
        var index = Math.Min(now, _states.Count - 1);
        var state = _states[index];
        double level = state.Level, surge = state.Surge, target = state.Target;
        var hold = state.Hold;
        var slope = _foresight == SurgeForesight.Trend ? surge - (index > 0 ? _states[index - 1].Surge : 0) : 0;
        var ceiling = Math.Max(MaxSurge, surge); // an offset already above the largest one is not cut down
        _smooth[0] = level + surge;
        for (var h = 1; h < _smooth.Length; h++)
        {
            level *= LevelDecay;
            if (_foresight == SurgeForesight.Schedule)
            {
                if (hold > 0) hold--;
                else if (target > 0) target = 0;
                surge += Math.Clamp(target - surge, -SurgeRate, SurgeRate);
            }
            else if (_foresight == SurgeForesight.Trend)
            {
                surge = Math.Clamp(surge + slope, 0, ceiling);
            }

            _smooth[h] = level + surge;
        }
    }
}
