using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using k8s.Autorest;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// Records a Deployment's <c>spec.replicas</c> four times a second from the moment it starts, so a
/// test can say when replicas changed and that they never went where they must not (flapping, an
/// early scale-in).
/// </summary>
public sealed class ReplicaHistory : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    private readonly TestNamespace _namespace;
    private readonly string _deployment;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(10));
    private readonly List<ReplicaSample> _samples = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;

    private ReplicaHistory(TestNamespace ns, string deployment)
    {
        _namespace = ns;
        _deployment = deployment;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Time since recording started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public static ReplicaHistory Start(TestNamespace ns, string deployment) => new(ns, deployment);

    public IReadOnlyList<ReplicaSample> Samples
    {
        get
        {
            lock (_gate)
                return [.. _samples];
        }
    }

    /// <summary>When replicas first satisfied <paramref name="predicate"/> at or after <paramref name="since"/>, or null.</summary>
    public TimeSpan? First(Func<int, bool> predicate, TimeSpan since = default) =>
        Samples.FirstOrDefault(s => s.At >= since && s.Replicas is { } r && predicate(r))?.At;

    /// <summary>
    /// When replicas first satisfied <paramref name="predicate"/> at or after <paramref name="since"/>, waiting
    /// until the recording has a sample of it: a test that saw the change through its own GET may be ahead of
    /// the recorder's next sample.
    /// </summary>
    public async Task<TimeSpan> FirstAsync(Func<int, bool> predicate, TimeSpan since, string what)
    {
        await Eventually.True(() => First(predicate, since) is not null, $"the replica history records {what}: {Describe()}");
        return First(predicate, since)!.Value;
    }

    /// <summary>The values in order with repeats collapsed, e.g. <c>1, 5, 2</c>.</summary>
    public List<int> Transitions()
    {
        var values = new List<int>();
        foreach (var sample in Samples)
        {
            if (sample.Replicas is { } r && (values.Count == 0 || values[^1] != r))
                values.Add(r);
        }
        return values;
    }

    /// <summary>Up to the peak and then only down: never back up, no value twice.</summary>
    public void AssertNoFlapping()
    {
        var values = Transitions();
        if (values.Count == 0)
            return;
        var peak = values.IndexOf(values.Max());
        for (var i = 1; i < values.Count; i++)
            Assert.True(i <= peak ? values[i] > values[i - 1] : values[i] < values[i - 1], $"replicas flapped: {Describe()}");
    }

    /// <summary>E.g. <c>0.0s:1 → 3.2s:5 → 25.1s:2</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        int? previous = -1;
        foreach (var sample in Samples)
        {
            if (sample.Replicas == previous)
                continue;
            previous = sample.Replicas;
            parts.Add($"{sample.At.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s:{sample.Replicas?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }
        return string.Join(" → ", parts);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            do
            {
                try
                {
                    var replicas = await _namespace.ReplicasAsync(_deployment);
                    lock (_gate)
                        _samples.Add(new ReplicaSample(_clock.Elapsed, replicas));
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException)
                {
                    // a missed sample; the next one comes a quarter second later
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
