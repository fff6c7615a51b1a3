using SloScaler.Core.Observations;
using SloScaler.Operator.Prometheus;
using SloScaler.Operator.Tests.Prometheus.Support;

namespace SloScaler.Operator.Tests.Prometheus;

/// <summary>Bearer tokens from files and server certificates checked against a CA bundle.</summary>
public sealed class PrometheusMetricsSourceAuthTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Query_BearerTokenFile_IsSentTrimmedAndReReadAfterRotation()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        var tokenFile = _files.Write("token", "  first-token\n");
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, DefaultBearerTokenFile = tokenFile });

        await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);
        await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);
        File.WriteAllText(tokenFile, "rotated-token-2\n");
        File.SetLastWriteTimeUtc(tokenFile, DateTime.UtcNow.AddMinutes(1)); // a rotation, whatever the file system's clock granularity
        await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(
            ["Bearer first-token", "Bearer first-token", "Bearer rotated-token-2"],
            server.Requests.Select(r => r.Header("Authorization")));
    }

    [Fact]
    public async Task Query_BearerToken_WinsOverAnAuthorizationHeader()
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        var connection = new MetricsConnection(
            Address: server.Address,
            BearerTokenFile: _files.Write("token", "from-file"),
            Headers: new Dictionary<string, string> { ["Authorization"] = "Basic eDp5" });
        using var source = new PrometheusMetricsSource(new PrometheusOptions());

        await source.QueryAsync(connection, "up", CancellationToken.None);

        Assert.Equal("Bearer from-file", server.SingleRequest.Header("Authorization"));
    }

    [Theory]
    [InlineData(false, "does not exist")]
    [InlineData(true, "is empty")]
    public async Task Query_MissingOrEmptyTokenFile_IsErrorWithoutSending(bool exists, string expected)
    {
        await using var server = LoopbackHttpServer.Answering(PromJson.Vector("1"));
        var tokenFile = exists ? _files.Write("token", " \n") : Path.Combine(_files.Path, "absent");
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(new MetricsConnection(BearerTokenFile: tokenFile), "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains(expected, reading.Detail);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Query_ServerCertificateSignedByTheCaFile_IsTrusted()
    {
        using var certificates = TestCertificates.Create("prometheus");
        await using var server = new LoopbackTlsServer(certificates.Server, PromJson.Vector("9"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions());
        var connection = new MetricsConnection(Address: server.Address, CaFile: _files.Write("ca.pem", certificates.AuthorityPem));

        var first = await source.QueryAsync(connection, "up", CancellationToken.None);
        var second = await source.QueryAsync(connection, "up", CancellationToken.None);

        Assert.Equal(MetricReading.Of(9), first);
        Assert.Equal(MetricReading.Of(9), second);
    }

    [Fact]
    public async Task Query_ServerCertificateFromAnotherCa_IsErrorNamingTheCertificate()
    {
        using var certificates = TestCertificates.Create("prometheus");
        using var stranger = TestCertificates.Create("stranger");
        await using var server = new LoopbackTlsServer(certificates.Server, PromJson.Vector("9"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions());
        var connection = new MetricsConnection(Address: server.Address, CaFile: _files.Write("ca.pem", stranger.AuthorityPem));

        var reading = await source.QueryAsync(connection, "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains("certificate", reading.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("inner exception", reading.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Query_PrivateCaWithoutCaFile_IsErrorUnderSystemTrust()
    {
        using var certificates = TestCertificates.Create("prometheus");
        await using var server = new LoopbackTlsServer(certificates.Server, PromJson.Vector("9"));
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains("certificate", reading.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Query_CaFileRotated_NewBundleIsUsed()
    {
        using var old = TestCertificates.Create("old");
        using var current = TestCertificates.Create("current");
        await using var server = new LoopbackTlsServer(current.Server, PromJson.Vector("2"));
        var caFile = _files.Write("ca.pem", old.AuthorityPem);
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address, DefaultCaFile = caFile });

        var before = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);
        File.WriteAllText(caFile, current.AuthorityPem);
        File.SetLastWriteTimeUtc(caFile, DateTime.UtcNow.AddMinutes(1));
        var after = await source.QueryAsync(MetricsConnection.Default, "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, before.Kind);
        Assert.Equal(MetricReading.Of(2), after);
    }

    [Theory]
    [InlineData(null, "does not exist")]
    [InlineData("not a certificate\n", "holds no PEM certificate")]
    public async Task Query_UnusableCaFile_IsErrorWithoutConnecting(string? content, string expected)
    {
        using var certificates = TestCertificates.Create("prometheus");
        await using var server = new LoopbackTlsServer(certificates.Server, PromJson.Vector("9"));
        var caFile = content is null ? Path.Combine(_files.Path, "absent.pem") : _files.Write("ca.pem", content);
        using var source = new PrometheusMetricsSource(new PrometheusOptions { DefaultAddress = server.Address });

        var reading = await source.QueryAsync(new MetricsConnection(CaFile: caFile), "up", CancellationToken.None);

        Assert.Equal(MetricReadingKind.Error, reading.Kind);
        Assert.Contains(expected, reading.Detail);
        Assert.Equal(0, server.Handshakes);
    }
}
