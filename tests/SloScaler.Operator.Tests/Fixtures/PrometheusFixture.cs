using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SloScaler.Operator.Tests.Fixtures;

/// <summary>
/// One real Prometheus (<c>SLOSCALER_PROMETHEUS_BIN</c>) for the test run, on 127.0.0.1 and a free
/// port, with a temp data dir and a generated config that scrapes the in-process
/// <see cref="LoadTarget"/> every second. Tests can stop it and start it again on the same port and
/// data dir. Killed by PID and its folder removed on dispose. When no Prometheus is installed it
/// starts nothing and <see cref="SkipReason"/> says why.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class PrometheusFixture : IAsyncLifetime
{
    public const string ScrapeJob = "sloscaler-e2e-load";
    public static readonly TimeSpan StartBound = TimeSpan.FromSeconds(30);
    /// <summary>The first scrape comes ~6 s after start (measured); this leaves room on a busy machine.</summary>
    public static readonly TimeSpan FirstScrapeBound = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private ChildProcess? _process;
    private LoadTarget? _load;
    private string? _folder;

    public string? SkipReason { get; } = TestServers.PrometheusMissing;

    public int Port { get; private set; }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    public LoadTarget Load => _load ?? throw new InvalidOperationException(SkipReason ?? "the fixture is not initialized");

    public bool IsRunning => _process is { HasExited: false };

    private string Folder => _folder ?? throw new InvalidOperationException("the fixture is not initialized");

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
            return;
        _load = new LoadTarget();
        _folder = RunDirectory.NewFolder("prometheus");
        Directory.CreateDirectory(Path.Combine(Folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "prometheus.yml"), Config(_load.Endpoint));
        Port = LoopbackPort.Free();
        await StartProcessAsync();
        await WaitForQueryAsync($"up{{job=\"{ScrapeJob}\"}}", v => v == 1, FirstScrapeBound);
    }

    /// <summary>Kills Prometheus by PID (as a crash would); queries are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
            return;
        await _process.KillAsync();
        await _process.DisposeAsync();
        _process = null;
    }

    /// <summary>Starts Prometheus again on the same port and data dir, and waits until it is ready.</summary>
    public async Task StartAgainAsync()
    {
        if (IsRunning)
            return;
        await StartProcessAsync();
    }

    /// <summary>One instant query, read straight off the HTTP API.</summary>
    public async Task<PrometheusAnswer> QueryAsync(string query)
    {
        try
        {
            var body = await _http.GetStringAsync($"{Address}/api/v1/query?query={Uri.EscapeDataString(query)}");
            return PrometheusAnswer.Parse(body);
        }
        catch (HttpRequestException e)
        {
            return PrometheusAnswer.Failed(e.Message);
        }
        catch (TaskCanceledException)
        {
            return PrometheusAnswer.Failed("timed out");
        }
    }

    /// <summary>Polls <paramref name="query"/> until its single value satisfies <paramref name="predicate"/>; returns that value.</summary>
    public async Task<double> WaitForQueryAsync(string query, Func<double, bool> predicate, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        PrometheusAnswer last;
        do
        {
            last = await QueryAsync(query);
            if (last is { Series: 1, Value: { } value } && predicate(value))
                return value;
            await Task.Delay(250);
        }
        while (clock.Elapsed < timeout);
        throw new TimeoutException(
            $"Prometheus at {Address} did not answer `{query}` as expected within {timeout.TotalSeconds:0}s; last answer: {last}"
            + Environment.NewLine + LogTail());
    }

    /// <summary>Waits until the job's rate and p99 read back its set load (within 5 %, and 10 % for the p99's bucket interpolation).</summary>
    public Task WaitForLoadAsync(LoadJob job, TimeSpan? timeout = null) =>
        Task.WhenAll(
            WaitForQueryAsync(job.RpsQuery(), v => Math.Abs(v - job.RequestsPerSecond) <= 0.05 * job.RequestsPerSecond + 0.01, timeout ?? FirstScrapeBound + TimeSpan.FromSeconds(15)),
            job.RequestsPerSecond > 0
                ? WaitForQueryAsync(job.LatencyQuery(), v => Math.Abs(v - job.LatencySeconds) <= 0.1 * job.LatencySeconds, timeout ?? FirstScrapeBound + TimeSpan.FromSeconds(15))
                : Task.CompletedTask);

    public string LogTail(int maxChars = 4000)
    {
        if (_folder is null)
            return "";
        var file = Path.Combine(Folder, "prometheus.log");
        if (!File.Exists(file))
            return "";
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var text = new StreamReader(stream).ReadToEnd();
        return "--- prometheus.log (tail) ---" + Environment.NewLine + (text.Length <= maxChars ? text : text[^maxChars..]);
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _load?.Dispose();
        _http.Dispose();
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // best effort; the next run's RunDirectory removes it
            }
        }
    }

    private async Task StartProcessAsync()
    {
        var data = Path.Combine(Folder, "data");
        _process = ChildProcess.Start(
            TestServers.PrometheusBin!,
            [
                $"--config.file={Path.Combine(Folder, "prometheus.yml")}",
                $"--storage.tsdb.path={data}",
                $"--web.listen-address=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
                "--storage.tsdb.retention.time=2h",
            ],
            Path.Combine(Folder, "prometheus.log"),
            marker: data);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartBound)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode} at start{Environment.NewLine}{LogTail()}");
            try
            {
                using var ready = await _http.GetAsync($"{Address}/-/ready");
                if (ready.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Prometheus was not ready on {Address} within {StartBound.TotalSeconds:0}s{Environment.NewLine}{LogTail()}");
    }

    private static string Config(string target) => $"""
        # generated by the SloScaler end-to-end tests
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: {ScrapeJob}
            honor_labels: true   # keep the target's own job label: each test has its own
            static_configs:
              - targets: ['{target}']
        """;
}
