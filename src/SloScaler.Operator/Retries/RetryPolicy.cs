using Polly;
using Polly.Retry;

namespace SloScaler.Operator.Retries;

/// <summary>
/// The operator's one retry policy: up to <see cref="MaxAttempts"/> attempts, waiting
/// <see cref="FirstDelay"/>, then twice that, and so on up to <see cref="MaxDelay"/>, each wait
/// scaled by a random factor in [0.5, 1) so that clients that failed together do not retry
/// together. Runs as a Polly retry pipeline on the caller's <see cref="TimeProvider"/>, so tests
/// drive the waits with a fake clock.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Attempts in all, the first one included; <see cref="int.MaxValue"/> retries until cancelled.</summary>
    public int MaxAttempts { get; init; } = int.MaxValue;

    /// <summary>The wait before the second attempt (before jitter).</summary>
    public required TimeSpan FirstDelay { get; init; }

    /// <summary>No wait is longer than this (before jitter).</summary>
    public required TimeSpan MaxDelay { get; init; }

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first), given a random number in [0, 1).</summary>
    public TimeSpan DelayBefore(int retry, double random)
    {
        var exponent = Math.Clamp(retry, 0, 30);
        var bound = Math.Min(MaxDelay.TotalSeconds, FirstDelay.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(bound * (0.5 + (random / 2)));
    }

    /// <summary>
    /// The pipeline that runs a call under this policy: an outcome <paramref name="retryOn"/> accepts
    /// is tried again after its wait; any other outcome (and cancellation of the caller's token)
    /// ends it at once.
    /// </summary>
    public ResiliencePipeline<T> Pipeline<T>(
        Func<Outcome<T>, bool> retryOn, TimeProvider time, SeededRandom random, Func<OnRetryArguments<T>, ValueTask>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(retryOn);
        ArgumentNullException.ThrowIfNull(random);
        Validate();
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = time };
        if (MaxAttempts == 1) return builder.Build();
        return builder.AddRetry(new RetryStrategyOptions<T>
        {
            MaxRetryAttempts = MaxAttempts == int.MaxValue ? int.MaxValue : MaxAttempts - 1,
            ShouldHandle = args => ValueTask.FromResult(
                !(args.Outcome.Exception is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested) && retryOn(args.Outcome)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(DelayBefore(args.AttemptNumber, random.NextDouble())),
            OnRetry = onRetry,
        }).Build();
    }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstDelay, TimeSpan.Zero, nameof(FirstDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, FirstDelay, nameof(MaxDelay));
    }
}
