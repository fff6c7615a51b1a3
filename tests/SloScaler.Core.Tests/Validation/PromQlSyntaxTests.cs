using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CsCheck;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Tests.Validation;

public sealed class PromQlSyntaxTests
{
    private static readonly string[] ValidQueries =
    [
        "sum(rate(http_requests_total{job=\"checkout\"}[1m]))",
        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job=\"checkout\"}[1m])))",
        "sum(rate(x[5m])) by (job)",
        "max_over_time(queue_depth{queue='orders'}[2m])",
        "rate(x[5m] offset 1h)",
        "rate(x[5m] @ 1609746000)",
        "avg_over_time(rate(x[1m])[10m:30s])",
        "max_over_time(deriv(rate(x[1m])[5m:])[10m:])",
        "a + on(job) group_left(instance) b",
        "a > bool 10",
        "1 + 2 * 3 ^ 2 ^ 1",
        "-x",
        "x unless y or z and w",
        "topk(3, sum by (pod) (rate(cpu[1m])))",
        "quantile(0.9, x)",
        "count_values(\"version\", build_info)",
        "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")",
        "label_join(up, \"a\", \",\", \"b\", \"c\")",
        "vector(1)",
        "scalar(sum(x)) * 2",
        "time() - process_start_time_seconds",
        "{__name__=~\"job:.*\"}",
        "job:request_rate:5m",
        "sum without (instance) (x) / ignoring (instance) y",
        "clamp_min(x, 0)",
        "round(x)",
        "round(x, 0.5)",
        "day_of_week()",
        "absent(up{job=\"a\"})",
        "0x1F + 1e3 + .5 + Inf - NaN",
        "x # a comment",
        "sum(rate(x[1h30m]))",
        "x{a=\"1\",}",
        "x{}",
    ];

    private static readonly (string Query, string Problem)[] InvalidQueries =
    [
        ("this is not promql {{{", "unexpected \"is\" at column 6"),
        ("histogram_quantile(0.99,", "unexpected end of input"),
        ("sum(rate(x[1m])", "expected ')', found end of input"),
        ("rate(x)", "expected type range vector in call to function \"rate\", got instant vector"),
        ("rate(x[5m]", "expected ')' or ',', found end of input"),
        ("foo(x)", "unknown function with name \"foo\" at column 4"),
        ("x{a=1}", "unexpected \"1\" in label matching, expected a quoted string at column 5"),
        ("{}", "vector selector must contain at least one non-empty matcher"),
        ("x[5m]", "returns a range vector; a load or latency query must return an instant vector or a scalar (wrap it in a function such as rate())"),
        ("1 > 2", "comparisons between scalars must use BOOL modifier"),
        ("1 and 2", "set operator \"and\" not allowed in binary scalar expression"),
        ("\"text\"", "is a string, not a query"),
        ("x[5m] + 1", "binary expression must contain only scalar and instant vector types (operator +)"),
        ("sum(x) by", "expected '(', found end of input"),
        ("rate(x[5])[1m]", "ranges only allowed for vector selectors at column 11"),
        ("topk(x)", "expected type scalar in aggregation parameter, got instant vector at column 7"),
        ("x{a=\"unclosed}", "unterminated quoted string at column 5"),
        ("x @", "expected a timestamp after @, found end of input"),
        ("(((x)", "expected ')', found end of input"),
        ("", "unexpected end of input"),
    ];

    public static TheoryData<string> Valid => new(ValidQueries);

    public static TheoryData<string, string> Invalid()
    {
        var data = new TheoryData<string, string>();
        foreach (var (query, problem) in InvalidQueries) data.Add(query, problem);
        return data;
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Check_ValidQuery_HasNoProblem(string query) => Assert.Null(PromQlSyntax.Check(query));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Check_InvalidQuery_SaysWhatAndWhere(string query, string problem) => Assert.Equal(problem, PromQlSyntax.Check(query));

    [Fact]
    public void Check_DeepNesting_IsRefusedWithoutOverflowingTheStack()
    {
        Assert.Equal("is nested more than 64 levels deep at column 65", PromQlSyntax.Check(new string('(', 10_000) + "x" + new string(')', 10_000)));
        Assert.StartsWith("is nested more than 64 levels deep", PromQlSyntax.Check(new string('-', 10_000) + "x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RandomText_NeverThrows() =>
        Gen.OneOf(Gen.Char["(){}[]\"'`,:=!~<>+-*/%^@#. \n"], Gen.Char['a', 'z'], Gen.Char['0', '9']).Array[0, 120]
            .Sample(chars => _ = PromQlSyntax.Check(new string(chars)), iter: 5000);

    /// <summary>
    /// Prometheus' own parser (promtool, from the prometheus package that hack/test.sh installs) agrees with
    /// this checker on every query of the tables above. Without promtool on PATH the test fails and says so.
    /// </summary>
    [Fact]
    public void Check_AgreesWithPromtool()
    {
        var promtool = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
        Assert.True(promtool is not null, "promtool is not on PATH; hack/test.sh installs it with Debian's prometheus package");
        var dir = Directory.CreateTempSubdirectory("sloscaler-promql-");
        try
        {
            foreach (var query in ValidQueries)
                Assert.True(Promtool(promtool!, dir.FullName, query), $"promtool refuses {query}");
            // Where promtool judges only syntax, it must refuse what the checker refuses; the top-level type rules are ours.
            foreach (var query in InvalidQueries.Select(row => row.Query).Where(q => q is not ("x[5m]" or "\"text\"")))
                Assert.False(Promtool(promtool!, dir.FullName, query), $"promtool accepts {query}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static bool Promtool(string promtool, string dir, string query)
    {
        var file = Path.Combine(dir, "rules.yml");
        File.WriteAllText(file, $"groups:\n- name: g\n  rules:\n  - record: r\n    expr: {JsonSerializer.Serialize(query)}\n", Encoding.UTF8);
        var start = new ProcessStartInfo(promtool, ["check", "rules", file]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool did not finish in 60 s on {query}");
        }
        _ = output.Result + error.Result;
        return process.ExitCode == 0;
    }
}
