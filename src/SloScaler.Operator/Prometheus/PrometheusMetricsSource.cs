using SloScaler.Core.Observations;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Answers instant queries from a Prometheus-compatible server over HTTP. Thin: it builds the
/// request, bounds it (timeout, queries in flight), and hands the answer to
/// <see cref="PrometheusResponseParser"/>. Every failure is an <see cref="MetricReadingKind.Error"/>
/// reading; only the caller's cancellation throws.
/// </summary>
public sealed class PrometheusMetricsSource : IMetricsSource, IDisposable
{
    private readonly PrometheusOptions _options;
    private readonly TimeProvider _time;
    private readonly IPrometheusQueryObserver? _observer;
    private readonly SemaphoreSlim _slots;
    private readonly PrometheusHttpClients _clients;
    private readonly BearerTokenFiles _tokens = new();

    public PrometheusMetricsSource(
        PrometheusOptions options, TimeProvider? timeProvider = null, IPrometheusQueryObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _observer = observer;
        _slots = new SemaphoreSlim(options.MaxConcurrentQueries, options.MaxConcurrentQueries);
        _clients = new PrometheusHttpClients(options);
    }

    /// <summary>Queries being sent or awaited right now (at most <see cref="PrometheusOptions.MaxConcurrentQueries"/>).</summary>
    public int QueriesInFlight => _options.MaxConcurrentQueries - _slots.CurrentCount;

    /// <summary>
    /// Asks <paramref name="query"/>. Waiting for a free slot is bounded only by
    /// <paramref name="cancellationToken"/>; the timeout starts when the query is sent.
    /// </summary>
    public async Task<MetricReading> QueryAsync(
        MetricsConnection connection, string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        MetricReading reading;
        try
        {
            reading = await AskAsync(connection ?? MetricsConnection.Default, query, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }

        Report(_time.GetElapsedTime(started), reading.Kind);
        return reading;
    }

    public void Dispose()
    {
        _clients.Dispose();
        _slots.Dispose();
    }

    private async Task<MetricReading> AskAsync(MetricsConnection connection, string query, CancellationToken cancellationToken)
    {
        var endpoint = PrometheusEndpoint.Resolve(connection, _options, out var error);
        if (endpoint is null)
            return MetricReading.Failed(error!);
        var client = _clients.For(endpoint, out error);
        if (client is null)
            return MetricReading.Failed(error!);
        string? token = null;
        if (endpoint.BearerTokenFile is not null && (token = _tokens.Read(endpoint.BearerTokenFile, out error)) is null)
            return MetricReading.Failed(error!);

        using var request = PrometheusRequestFactory.Create(endpoint, query, _options.MaxGetQueryLength);
        foreach (var (name, value) in endpoint.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
                return MetricReading.Failed($"the header '{name}' cannot be set on a Prometheus query");
        }

        if (token is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var timeout = new CancellationTokenSource(endpoint.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return PrometheusResponseParser.Parse((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception) when (timeout.IsCancellationRequested)
        {
            return MetricReading.Failed($"the Prometheus query timed out after {DurationText.Format(endpoint.Timeout)}");
        }
        catch (Exception ex)
        {
            return MetricReading.Failed($"the request to {WithoutSecrets(endpoint.QueryUri)} failed: {Describe(ex)}");
        }
    }

    /// <summary>Scheme, host, port and path: no user info or parameters, which may carry credentials.</summary>
    private static string WithoutSecrets(Uri uri) =>
        uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>The message and the inner causes that add to it ("…see inner exception" says nothing).</summary>
    private static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var message = e.Message;
            var pointer = message.IndexOf("see inner exception", StringComparison.OrdinalIgnoreCase);
            message = (pointer < 0 ? message : message[..pointer]).TrimEnd(' ', ',', '.');
            if (message.Length > 0 && !parts.Exists(p => p.Contains(message, StringComparison.Ordinal)))
                parts.Add(message);
        }

        return parts.Count == 0 ? exception.GetType().Name : string.Join(": ", parts);
    }

    private void Report(TimeSpan elapsed, MetricReadingKind kind)
    {
        if (_observer is null)
            return;
        try
        {
            _observer.OnQuery(elapsed, kind);
        }
        catch (Exception)
        {
            // Metrics must never change what a query answered.
        }
    }
}
