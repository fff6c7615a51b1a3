using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using SloScaler.Operator.Retries;

namespace SloScaler.Operator.Tests.Retries;

public sealed class RetryPolicyTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private static readonly RetryPolicy Policy = new() { MaxAttempts = 4, FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };

    [Theory]
    [InlineData(0, 0.0, 0.5)]    // first retry: 1 s × 0.5
    [InlineData(0, 0.999, 0.9995)]
    [InlineData(1, 0.0, 1.0)]    // 2 s × 0.5
    [InlineData(2, 0.0, 1.5)]    // 4 s capped at 3 s, × 0.5
    [InlineData(40, 0.5, 2.25)]  // far out: still the cap, 3 s × 0.75
    public void DelayBefore_DoublesUpToTheCap_ScaledByHalfToOne(int retry, double random, double expectedSeconds) =>
        Assert.Equal(expectedSeconds, Policy.DelayBefore(retry, random).TotalSeconds, precision: 6);

    [Fact]
    public async Task Pipeline_RetriableOutcome_WaitsThePolicysDelayOnTheClock()
    {
        var time = new TimerWatchingClock();
        var random = new SeededRandom(7);
        var expected = new SeededRandom(7); // the same draws, to know each wait
        var attempts = 0;
        var pipeline = Policy.Pipeline<int>(o => o.Result < 0, time, random);

        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts < 3 ? -1 : attempts), CancellationToken.None).AsTask();

        for (var retry = 0; retry < 2; retry++)
        {
            var due = await time.Timers.Reader.ReadAsync().AsTask().WaitAsync(Bound);
            // Task.Delay arms its timer in whole milliseconds.
            Assert.Equal(Policy.DelayBefore(retry, expected.NextDouble()).TotalMilliseconds, due.TotalMilliseconds, tolerance: 1);
            Assert.Equal(retry + 1, Volatile.Read(ref attempts)); // no attempt before the wait is over
            time.Advance(due);
        }
        Assert.Equal(3, await run.WaitAsync(Bound));
    }

    [Fact]
    public async Task Pipeline_AlwaysRetriable_StopsAtMaxAttemptsWithTheLastOutcome()
    {
        var attempts = 0;
        var pipeline = (Policy with { FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }).Pipeline<int>(_ => true, new FakeTimeProvider(), new SeededRandom(1));

        var result = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts), CancellationToken.None);

        Assert.Equal((4, 4), (attempts, result));
    }

    [Fact]
    public async Task Pipeline_OutcomeNotRetriable_ReturnsAfterOneAttempt()
    {
        var attempts = 0;
        var pipeline = Policy.Pipeline<int>(o => o.Result < 0, new FakeTimeProvider(), new SeededRandom(1));

        var result = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts), CancellationToken.None);

        Assert.Equal((1, 1), (attempts, result));
    }

    [Fact]
    public async Task Pipeline_RetriableException_RetriedThenThrownWhenAttemptsRunOut()
    {
        var attempts = 0;
        var pipeline = (Policy with { MaxAttempts = 2, FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero })
            .Pipeline<int>(o => o.Exception is IOException, new FakeTimeProvider(), new SeededRandom(1));

        await Assert.ThrowsAsync<IOException>(async () => await pipeline.ExecuteAsync<int>(_ => { attempts++; throw new IOException("broken pipe"); }, CancellationToken.None));

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task Pipeline_CallerCancelledDuringTheWait_StopsWithoutAnotherAttempt()
    {
        var time = new TimerWatchingClock();
        using var cancel = new CancellationTokenSource();
        var attempts = 0;
        var pipeline = Policy.Pipeline<int>(_ => true, time, new SeededRandom(1));

        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++attempts), cancel.Token).AsTask();
        await time.Timers.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public void SeededRandom_SameSeed_SameDraws()
    {
        var (a, b) = (new SeededRandom(42), new SeededRandom(42));

        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.NextInt64()), Enumerable.Range(0, 5).Select(_ => b.NextInt64()));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(2, -1, 1)]
    [InlineData(2, 2, 1)]
    public void Validate_BadSettings_Throw(int maxAttempts, int firstSeconds, int maxSeconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new RetryPolicy { MaxAttempts = maxAttempts, FirstDelay = TimeSpan.FromSeconds(firstSeconds), MaxDelay = TimeSpan.FromSeconds(maxSeconds) }.Validate());

    /// <summary>A fake clock that reports each timer created on it (a retry's wait), so a test advances only once the wait is armed.</summary>
    private sealed class TimerWatchingClock : FakeTimeProvider
    {
        public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Timers.Writer.TryWrite(dueTime);
            return timer;
        }
    }
}
