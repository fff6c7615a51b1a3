using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Tests.Prometheus.Support;
using SloScaler.Operator.Tests.Support;

namespace SloScaler.Operator.Tests.Prometheus;

/// <summary>The HTTP adapter against a real server on 127.0.0.1: what it sends, and what it makes of the answer.</summary>
public sealed class PrometheusMetricsSourceTests
{
    private const string RpsQuery = "sum(rate(http_requests_total{job=\"checkout\"}[1m]))";

    [Fact]
    public async Task Query_VectorAnswer_IsValueFromGetOnTheQueryPath()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("120.5"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(MetricsConnection.Default, RpsQuery, CancellationToken.None);

        Assert.Equal(MetricReading.Of(120.5), reading);
        var request = server.SingleRequest;
        Assert.Equal("GET", request.Method);
        Assert.Equal("/api/v1/query", request.Path);
        Assert.Equal(RpsQuery, request.Parameter("query"));
        Assert.Equal("5000ms", request.Parameter("timeout")); // Prometheus stops evaluating when we stop waiting
    }

    [Theory]
    [InlineData("a + b")]                                              // '+' must not arrive as a space
    [InlineData("x{path=~\"/api/.*\", q=\"a&b=c\"} # not a comment")]  // '&', '=', '#' must stay in the query
    [InlineData("label_replace(up, \"dst\", \"$1%\", \"src\", \"(.*)\")")] // '%' and '$'
    [InlineData("up{city=\"Zürich\"}\n  or\tvector(0)")]                // non-ASCII and whitespace
    public async Task Query_SpecialCharacters_AreEscapedSoPrometheusDecodesTheExactQuery(string query)
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        await source.QueryAsync(MetricsConnection.Default, query, CancellationToken.None);

        var request = server.SingleRequest;
        Assert.Equal(query, request.Parameter("query"));
        Assert.DoesNotContain(' ', request.RawQuery);
        Assert.DoesNotContain('+', request.RawQuery);
    }

    [Theory]
    [InlineData("/prometheus", "/prometheus/api/v1/query")]
    [InlineData("/prometheus/", "/prometheus/api/v1/query")]
    [InlineData("/select/0/prometheus", "/select/0/prometheus/api/v1/query")]
    [InlineData("/", "/api/v1/query")]
    public async Task Query_AddressWithPathPrefix_KeepsThePrefix(string prefix, string expectedPath)
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address + prefix });

        await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(expectedPath, server.SingleRequest.Path);
    }

    [Fact]
    public async Task Query_AddressWithItsOwnParameters_KeepsThem()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address + "/?tenant=team-a" });

        await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal("team-a", server.SingleRequest.Parameter("tenant"));
        Assert.Equal("up", server.SingleRequest.Parameter("query"));
    }

    [Fact]
    public async Task Query_LongerThanGetLimit_IsPostedAsForm()
    {
        var query = "sum(" + string.Join(" + ", Enumerable.Range(0, 40).Select(i => $"rate(m{i}{{a=\"b c\"}}[1m])")) + ")";
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("3"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, MaxGetQueryLength = 100 });

        var reading = await source.QueryAsync(MetricsConnection.Default, query, CancellationToken.None);

        Assert.Equal(MetricReading.Of(3), reading);
        var request = server.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/v1/query", request.Path);
        Assert.Empty(request.RawQuery);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal(query, request.Parameter("query"));
    }

    [Fact]
    public async Task Query_ExtraHeaders_AreSent()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });
        var connection = new MetricsConnection(Headers: new Dictionary<string, string> { ["X-Scope-OrgID"] = "tenant-1", ["X-Extra"] = "a b" });

        await source.QueryAsync(connection, "up", CancellationToken.None);

        Assert.Equal("tenant-1", server.SingleRequest.Header("X-Scope-OrgID"));
        Assert.Equal("a b", server.SingleRequest.Header("X-Extra"));
    }

    [Fact]
    public async Task Query_InvalidHeaderName_IsErrorWithoutSending()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });
        var connection = new MetricsConnection(Headers: new Dictionary<string, string> { ["Bad Name"] = "x" });

        var reading = await source.QueryAsync(connection, "up", CancellationToken.None);

        Assert.Equal(MetricReading.Failed("the header 'Bad Name' cannot be set on a Prometheus query"), reading);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Query_ConnectionFields_OverrideDefaultsOneByOne()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        var defaults = new PrometheusOptions
        {
            DefaultAddress = $"http://127.0.0.1:{LoopbackPort.Free()}", // overridden: nothing listens there
            DefaultTimeout = TimeSpan.FromSeconds(7),                               // kept
            DefaultHeaders = new Dictionary<string, string> { ["X-Default"] = "d" }, // replaced as a whole
        };
        using var source = new PrometheusMetricsSource(defaults);
        var connection = new MetricsConnection(Address: server.Address, Headers: new Dictionary<string, string> { ["X-Own"] = "o" });

        var reading = await source.QueryAsync(connection, "up", CancellationToken.None);

        Assert.True(reading.IsKnown);
        var request = server.SingleRequest;
        Assert.Equal("7000ms", request.Parameter("timeout"));
        Assert.Equal("o", request.Header("X-Own"));
        Assert.Null(request.Header("X-Default"));
    }

    [Theory]
    [InlineData(null, "no Prometheus address is configured")]
    [InlineData("   ", "no Prometheus address is configured")]
    [InlineData("prometheus:9090", "'prometheus:9090' is not an absolute http or https URL")]
    [InlineData("ftp://prometheus:9090", "is not an absolute http or https URL")]
    [InlineData("/api", "is not an absolute http or https URL")]
    public async Task Query_MissingOrInvalidAddress_IsError(string? address, string expected)
    {
        var observer = new RecordingObserver();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = address }, observer: observer);

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains(expected, reading.Detail);
        Assert.Equal(MetricReadingKind.Error, Assert.Single(observer.Seen).Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    [InlineData(1_000_000_000_000)] // ~31 years: more than a timer can hold
    public async Task Query_NonPositiveOrHugeTimeout_IsErrorNotAnEndlessWait(long milliseconds)
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(new MetricsConnection(Timeout: TimeSpan.FromMilliseconds(milliseconds)), "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains("timeout must be positive and under 24 days", reading.Detail);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Query_HttpErrorFromServer_IsErrorNamingStatusAndMessage()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Error("bad_data", "1:4: parse error: unexpected end of input"), status: 400);
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(MetricsConnection.Default, "sum(", CancellationToken.None);

        Assert.Equal(MetricReading.Rejected("HTTP 400 Bad Request: bad_data: 1:4: parse error: unexpected end of input"), reading);
    }

    [Fact]
    public async Task Query_ProxyErrorPage_IsErrorNamingStatus()
    {
        await using var server = LoopbackHttpServer.Start((_, _) => Task.FromResult(
            new CannedResponse(503, "<html><head><title>503 Service Unavailable</title></head></html>", "text/html")));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReading.Failed("HTTP 503 Service Unavailable: an HTML page \"503 Service Unavailable\""), reading);
    }

    [Fact]
    public async Task Query_ConnectionRefused_IsErrorWithTheTransportMessage()
    {
        var address = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var observer = new RecordingObserver();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = address }, observer: observer);

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.StartsWith($"the request to {address}/api/v1/query failed: ", reading.Detail);
        Assert.Contains("refused", reading.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(MetricReadingKind.Error, Assert.Single(observer.Seen).Kind);
    }

    [Fact]
    public async Task Query_TransportError_NamesTheServerButNotCredentialsInTheAddress()
    {
        var port = LoopbackPort.Free();
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = $"http://user:secret@127.0.0.1:{port}/p?key=secret" });

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.StartsWith($"the request to http://127.0.0.1:{port}/p/api/v1/query failed: ", reading.Detail);
        Assert.DoesNotContain("secret", reading.Detail);
    }

    [Fact]
    public async Task Query_ResponseLargerThanLimit_IsError()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector([.. Enumerable.Repeat("1", 200)]));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, MaxResponseBytes = 1024 });

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains("1024", reading.Detail); // the framework's message names the limit
    }
}
