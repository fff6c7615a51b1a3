using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SloScaler.Operator.Tests.Prometheus.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, for the life of one test. Records every
/// request and answers with what the handler says; handlers get a token that fires on dispose,
/// so a "slow server" never outlives its test.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private static readonly TimeSpan DisposeBound = TimeSpan.FromSeconds(30);
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, CancellationToken, Task<CannedResponse>> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly Task _loop;
    private int _concurrent;
    private int _maxConcurrent;

    private LoopbackHttpServer(HttpListener listener, int port, Func<RecordedRequest, CancellationToken, Task<CannedResponse>> handler)
    {
        _listener = listener;
        _handler = handler;
        Address = $"http://127.0.0.1:{port}";
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string Address { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public RecordedRequest SingleRequest => Assert.Single(Requests);

    /// <summary>The most requests the server was handling at the same moment.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public static LoopbackHttpServer Start(Func<RecordedRequest, CancellationToken, Task<CannedResponse>> handler)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPort.Free();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackHttpServer(listener, port, handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // the port was taken between probing and binding; try another
            }
        }
    }

    public static LoopbackHttpServer Answering(string json, int status = 200) =>
        Start((_, _) => Task.FromResult(new CannedResponse(status, json)));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        var pending = _inFlight.Keys.Append(_loop).ToArray();
        try
        {
            await Task.WhenAll(pending).WaitAsync(DisposeBound);
        }
        catch (Exception)
        {
            // handlers end on the stopping token; whatever they threw is not the test's concern
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var task = Task.Run(() => HandleAsync(context));
            _inFlight[task] = true;
            _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var recorded = await RecordedRequest.FromAsync(context.Request);
            _requests.Enqueue(recorded);
            var answer = await CountedAsync(() => _handler(recorded, _stopping.Token));
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = answer.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            context.Response.Abort(); // the client gave up, or the test is over
        }
    }

    /// <summary>
    /// Counts the handler as in progress; done before the answer is written, so a client that
    /// got its answer and sends the next request can never be counted twice.
    /// </summary>
    private async Task<CannedResponse> CountedAsync(Func<Task<CannedResponse>> handler)
    {
        InterlockedMax(ref _maxConcurrent, Interlocked.Increment(ref _concurrent));
        try
        {
            return await handler();
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
