namespace SloScaler.Simulation.Queueing;

/// <summary>
/// What Prometheus would show of the simulated service. The simulator records each step's
/// arrivals and <see cref="StepLatency"/>; queries answer as of the last scrape at or before
/// <c>now</c>, τ = ⌊now / scrape⌋·scrape, over the window (τ − w, τ]:
/// <list type="bullet">
/// <item><see cref="RateOver(TimeSpan, TimeSpan)"/> = arrivals in the window / covered time (as
/// <c>rate()</c>; the covered time is shorter than w only before enough data exists). 0 when the
/// window holds data but no arrivals (a counter that did not move); null with no data.</item>
/// <item><see cref="QuantileOver(TimeSpan, TimeSpan, double)"/> = the quantile of the
/// arrival-weighted mixture of the window's step distributions (as <c>histogram_quantile</c> over
/// <c>rate(…_bucket[w])</c>, without bucket error), capped at
/// <see cref="ObservedViewOptions.HighestBucket"/>; null when no request arrived (NaN in
/// Prometheus).</item>
/// </list>
/// Steps straddling a window edge count pro rata. Between scrapes the last scraped value is seen.
/// Noise, when on, is one log-normal factor per scrape for each of the two series, drawn in scrape
/// order from a <see cref="Random"/> seeded by <see cref="ObservedViewOptions.NoiseSeed"/>, so
/// queries must not go back to an earlier scrape once a later one was asked.
/// The ring buffer and scratch space are allocated once.
/// </summary>
public sealed class ObservedView
{
    private readonly long _stepTicks;
    private readonly long _scrapeTicks;
    private readonly long[] _ends;
    private readonly double[] _arrivals;
    private readonly StepLatency[] _latencies;
    private readonly StepLatency[] _scratchLatencies;
    private readonly double[] _scratchWeights;
    private readonly Random? _random;
    private int _count;
    private int _newest = -1;
    private long _noiseScrape = -1;
    private double _rateNoise = 1.0;
    private double _quantileNoise = 1.0;

    public ObservedView(ObservedViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Step <= TimeSpan.Zero || options.ScrapeInterval <= TimeSpan.Zero || options.Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "step, scrape interval and window must be positive");
        }

        if (options.Window > options.Retention)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"the window {options.Window} exceeds the retention {options.Retention}");
        }

        if (!(options.NoiseSigma >= 0) || double.IsInfinity(options.NoiseSigma))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NoiseSigma, "the noise σ must be finite and ≥ 0");
        }

        if (options.HighestBucket is { } bucket && bucket <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), bucket, "the highest bucket must be positive");
        }

        Options = options;
        _stepTicks = options.Step.Ticks;
        _scrapeTicks = options.ScrapeInterval.Ticks;
        var capacity = (int)((options.Retention.Ticks + _scrapeTicks + _stepTicks - 1) / _stepTicks) + 2;
        _ends = new long[capacity];
        _arrivals = new double[capacity];
        _latencies = new StepLatency[capacity];
        _scratchLatencies = new StepLatency[capacity];
        _scratchWeights = new double[capacity];
        _random = options.NoiseSigma > 0 ? new Random(options.NoiseSeed) : null;
    }

    public ObservedViewOptions Options { get; }

    /// <summary>The end of the newest recorded step, or null before the first.</summary>
    public TimeSpan? RecordedUntil => _count == 0 ? null : new TimeSpan(_ends[_newest]);

    /// <summary>The last scrape at or before <paramref name="now"/>: ⌊now / scrape⌋·scrape.</summary>
    public TimeSpan ScrapeTime(TimeSpan now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(now, TimeSpan.Zero);
        return new TimeSpan(now.Ticks / _scrapeTicks * _scrapeTicks);
    }

    /// <summary>Records the step (end − <see cref="ObservedViewOptions.Step"/>, end]; steps must be consecutive.</summary>
    public void Record(TimeSpan end, double arrivals, StepLatency latency)
    {
        if (!(arrivals >= 0) || double.IsInfinity(arrivals))
        {
            throw new ArgumentOutOfRangeException(nameof(arrivals), arrivals, "arrivals must be finite and ≥ 0");
        }

        if (_count > 0 && end.Ticks != _ends[_newest] + _stepTicks)
        {
            throw new InvalidOperationException($"steps must be consecutive: expected the step ending at {new TimeSpan(_ends[_newest] + _stepTicks)}, got {end}");
        }

        if (end.Ticks < _stepTicks)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "a step cannot start before time 0");
        }

        _newest = (_newest + 1) % _ends.Length;
        _ends[_newest] = end.Ticks;
        _arrivals[_newest] = arrivals;
        _latencies[_newest] = latency;
        _count = Math.Min(_count + 1, _ends.Length);
    }

    /// <summary>Records a <see cref="ServiceSimulator.Step"/> outcome for the step ending at <paramref name="end"/>.</summary>
    public void Record(TimeSpan end, in StepResult step) => Record(end, step.Arrivals, step.Latency);

    /// <summary>Requests/s over the default window as of the last scrape; null with no data.</summary>
    public double? RateOver(TimeSpan now) => RateOver(now, Options.Window);

    /// <summary>Requests/s over <paramref name="window"/> as of the last scrape; null with no data.</summary>
    public double? RateOver(TimeSpan now, TimeSpan window)
    {
        var scrape = Window(now, window, out var from);
        var covered = 0L;
        var arrivals = 0.0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            if (!Overlap(i, from, scrape, out var overlap))
            {
                if (_ends[i] <= from)
                {
                    break;
                }

                continue;
            }

            covered += overlap;
            arrivals += _arrivals[i] * overlap / _stepTicks;
        }

        if (covered == 0)
        {
            return null;
        }

        AdvanceNoise(scrape);
        return arrivals / TimeSpan.FromTicks(covered).TotalSeconds * _rateNoise;
    }

    /// <summary>The p-quantile latency (seconds) over the default window as of the last scrape; null with no arrivals.</summary>
    public double? QuantileOver(TimeSpan now, double quantile = 0.99) => QuantileOver(now, Options.Window, quantile);

    /// <summary>The p-quantile latency (seconds) over <paramref name="window"/> as of the last scrape; null with no arrivals.</summary>
    public double? QuantileOver(TimeSpan now, TimeSpan window, double quantile = 0.99)
    {
        MmcQueue.ValidateQuantile(quantile);
        var scrape = Window(now, window, out var from);
        var n = 0;
        for (var k = 0; k < _count; k++)
        {
            var i = Index(k);
            if (!Overlap(i, from, scrape, out var overlap))
            {
                if (_ends[i] <= from)
                {
                    break;
                }

                continue;
            }

            var weight = _arrivals[i] * overlap / _stepTicks;
            if (weight > 0)
            {
                _scratchLatencies[n] = _latencies[i];
                _scratchWeights[n] = weight;
                n++;
            }
        }

        var value = LatencyMixture.Quantile(_scratchLatencies.AsSpan(0, n), _scratchWeights.AsSpan(0, n), quantile);
        if (value is not { } seconds)
        {
            return null;
        }

        AdvanceNoise(scrape);
        seconds *= _quantileNoise;
        return Options.HighestBucket is { } bucket ? Math.Min(seconds, bucket.TotalSeconds) : seconds;
    }

    private long Window(TimeSpan now, TimeSpan window, out long from)
    {
        if (window <= TimeSpan.Zero || window > Options.Retention)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"the window must be in (0, {Options.Retention}]");
        }

        var scrape = ScrapeTime(now).Ticks;
        from = scrape - window.Ticks;
        return scrape;
    }

    /// <summary>The ring index of the k-th newest step.</summary>
    private int Index(int k) => (_newest - k + _ends.Length) % _ends.Length;

    private bool Overlap(int i, long from, long to, out long overlap)
    {
        var end = _ends[i];
        overlap = Math.Min(end, to) - Math.Max(end - _stepTicks, from);
        return overlap > 0;
    }

    private void AdvanceNoise(long scrapeTicks)
    {
        if (_random is null)
        {
            return;
        }

        var scrape = scrapeTicks / _scrapeTicks;
        if (scrape < _noiseScrape)
        {
            throw new InvalidOperationException($"with noise on, queries go forward in time: scrape {new TimeSpan(scrapeTicks)} asked after {new TimeSpan(_noiseScrape * _scrapeTicks)}");
        }

        var sigma = Options.NoiseSigma;
        while (_noiseScrape < scrape)
        {
            // Box–Muller: one pair of standard normals per scrape, one for each series.
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble()));
            var angle = 2.0 * Math.PI * _random.NextDouble();
            _rateNoise = Math.Exp(sigma * radius * Math.Cos(angle));
            _quantileNoise = Math.Exp(sigma * radius * Math.Sin(angle));
            _noiseScrape++;
        }
    }
}
