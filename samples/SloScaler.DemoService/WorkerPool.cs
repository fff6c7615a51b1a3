using System.Threading.Channels;

namespace SloScaler.DemoService;

/// <summary>
/// A replica's c workers: each request joins one FIFO queue; a free worker takes the oldest,
/// draws its service time and sleeps it (so many replicas fit on few cores). With Poisson
/// arrivals and exponential service this is an M/M/c queue, which Erlang C predicts.
/// </summary>
public sealed class WorkerPool : IAsyncDisposable
{
    private readonly Channel<TaskCompletionSource> _queue = Channel.CreateUnbounded<TaskCompletionSource>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ServiceTimeSampler _sampler;
    private readonly TimeProvider _time;
    private int _queued;
    private int _busy;

    public WorkerPool(DemoOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sampler = new ServiceTimeSampler(options);
        _time = time;
        _workers = Enumerable.Range(0, options.Workers).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>Requests waiting for a worker.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Workers serving a request.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>Completes when a worker has served the request.</summary>
    public Task ServeAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(done))
        {
            Interlocked.Decrement(ref _queued);
            done.SetException(new ObjectDisposedException(nameof(WorkerPool)));
        }

        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the workers stop on cancellation
        }

        _stop.Dispose();
    }

    private async Task WorkAsync()
    {
        await foreach (var request in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _busy);
            try
            {
                await Task.Delay(_sampler.Next(), _time, _stop.Token).ConfigureAwait(false);
                request.TrySetResult();
            }
            catch (OperationCanceledException)
            {
                request.TrySetCanceled();
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _busy);
            }
        }
    }
}
