using System.CommandLine;
using System.Text;
using System.Text.Json;
using SloScaler.Operator.Cli;
using SloScaler.Operator.Tests.Kubernetes.Support;

namespace SloScaler.Operator.Tests.Cli;

/// <summary>
/// The cases of issue 14, each run through the real command line: the one line it prints on stderr
/// (FILE stands for the input's path) and its exit code.
/// </summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"sloscaler-validate-{Guid.NewGuid():N}");

    public ValidateCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Sample = File.ReadAllText(Repo.PathOf("config", "samples", "web-api-rps.yaml"));

    private static string Bomb(string indent = "")
    {
        var sb = new StringBuilder($"{indent}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 0; level < 8; level++)
        {
            var previous = (char)('a' + level);
            sb.Append(indent).Append((char)('b' + level)).Append(": &").Append((char)('b' + level)).Append(" [")
                .Append(string.Join(',', Enumerable.Repeat($"*{previous}", 9))).Append("]\n");
        }
        return sb.ToString();
    }

    private static string Replace(string from, string to)
    {
        Assert.Contains(from, Sample, StringComparison.Ordinal);
        return Sample.Replace(from, to, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, int> Cases() => new()
    {
        // case, file content, expected stderr line (FILE = the file's path), exit code
        { "alias bomb", Bomb(), "FILE:5: e[0]: aliases expand to more than 10000 nodes (an alias bomb?); refusing to expand further", 1 },
        { "alias bomb inside a valid policy", Replace("spec:\n", "spec:\n  bomb:\n" + Bomb("    ")), "FILE:13: spec.bomb.e[0]: aliases expand to more than 10000 nodes (an alias bomb?); refusing to expand further", 1 },
        { "100k nested [", new string('[', 100_000), "FILE:1: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]…: is nested deeper than 48 levels", 1 },
        { "10k nested [ ]", new string('[', 10_000) + new string(']', 10_000), "FILE:1: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]…: is nested deeper than 48 levels", 1 },
        { "unclosed flow mapping", "metadata: {name: x", "FILE:1: yaml: is not valid YAML: while parsing a flow mapping, did not find expected ',' or '}'", 1 },
        { "typo minReplica", Replace("minReplicas: 2", "minReplica: 2"), "FILE:13: spec.minReplica: unknown field; did you mean \"minReplicas\"?", 1 },
        { "unknown fooBar", Replace("  minReplicas: 2", "  fooBar: 1\n  minReplicas: 2"), "FILE:13: spec.fooBar: unknown field", 1 },
        { "not PromQL", Replace("query: sum(rate(http_requests_total{job=\"checkout\"}[1m]))", "query: 'this is not promql {{{'"), "FILE:18: spec.loadParameters[0].query: is not valid PromQL: unexpected \"is\" at column 6", 1 },
        { "unfinished PromQL", Replace("query: sum(rate(http_requests_total{job=\"checkout\"}[1m]))", "query: 'histogram_quantile(0.99,'"), "FILE:18: spec.loadParameters[0].query: is not valid PromQL: unexpected end of input", 1 },
        { "invalid object name", Replace("name: checkout\n  namespace", "name: Not_A_Valid_Name!\n  namespace"), "FILE:5: metadata.name: \"Not_A_Valid_Name!\" is not a valid name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. checkout-api)", 1 },
        { "empty file", "", "FILE: file: has no document (it is empty or only comments)", 1 },
        { "only comments", "# nothing here\n---\n", "FILE: file: has no document (it is empty or only comments)", 1 },
        { "fractional integer", Replace("minReplicas: 2", "minReplicas: 2.5"), "FILE:13: spec.minReplicas: 2.5 must be an integer", 1 },
        { "integer out of range", Replace("minReplicas: 2", "minReplicas: 99999999999"), "FILE:13: spec.minReplicas: 99999999999 is out of range (at most 2147483647)", 1 },
        { "string for an integer", Replace("minReplicas: 2", "minReplicas: many"), "FILE:13: spec.minReplicas: \"many\" must be an integer", 1 },
        { "duplicate key", Replace("  minReplicas: 2", "  minReplicas: 2\n  minReplicas: 3"), "FILE:14: spec: key \"minReplicas\" appears twice in spec", 1 },
        { "a list, not a mapping", "- a\n- b\n", "FILE:1: document: is a list, not a mapping with apiVersion, kind, metadata and spec", 1 },
        { "NUL byte", "kind: ScalingPolicy\nmetadata: {name: a\0b}\n", "FILE:2: yaml: contains the control character U+0000, which YAML does not allow", 1 },
        { "escape sequence", "kind: \u001b[31mScalingPolicy\n", "FILE:1: yaml: contains the control character U+001B, which YAML does not allow", 1 },
        { "errors in document 2 of 2", Sample + "---\n" + Replace("maxReplicas: 40", "maxReplicas: 1"), "FILE:doc 2:", 1 },
        { "deployment with --strict-kinds", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n", "FILE:1: kind: Deployment (apps/v1) is not a ScalingPolicy (--strict-kinds refuses other kinds)", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_HostileOrBrokenInput_PrintsOneLineAndExits(string name, string content, string expected, int exitCode)
    {
        var file = Path.Combine(_dir, "policy.yaml");
        File.WriteAllText(file, content);
        var args = name.Contains("--strict-kinds", StringComparison.Ordinal) ? new[] { "validate", "--strict-kinds", file } : ["validate", file];

        var (code, output, error) = Invoke(args);

        Assert.Equal(exitCode, code);
        var lines = Lines(error);
        var line = Assert.Single(lines);
        var wanted = expected.Replace("FILE", file, StringComparison.Ordinal);
        if (wanted.EndsWith(':')) Assert.StartsWith(wanted, line, StringComparison.Ordinal);
        else Assert.Equal(wanted, line);
        Assert.DoesNotContain("System.", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.Single(Lines(output));
    }

    [Fact]
    public void Validate_SyntaxErrorInOneDocument_StillChecksTheOthers()
    {
        var file = Write("multi.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\n" + Sample + "---\nfoo: [\n---\n" + Replace("maxReplicas: 40", "maxReplicas: 1"));

        var (code, output, error) = Invoke("validate", file);

        Assert.Equal(1, code);
        Assert.Equal(
        [
            $"{file}:doc 3:45: yaml: is not valid YAML: while parsing a node, did not find expected node content",
            $"{file}:doc 4:60: spec.maxReplicas: 1 is less than spec.minReplicas (2)",
        ], Lines(error));
        Assert.Equal("2 problems; 1 of 3 policies valid; 1 document of other kinds skipped", output.Trim());
    }

    [Fact]
    public void Validate_DeploymentNextToPolicy_IsSkippedAndCounted()
    {
        var file = Write("app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2, template: {}}\n---\n" + Sample);

        var (code, output, error) = Invoke("validate", file);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal("1 policy valid; 1 document of other kinds skipped", output.Trim());
    }

    [Fact]
    public void Validate_Directory_ChecksYamlYmlAndJsonRecursively()
    {
        Write("a.yaml", Sample);
        Write(Path.Combine("nested", "b.yml"), Replace("name: checkout\n  namespace", "name: checkout-b\n  namespace"));
        Write(Path.Combine("nested", "c.json"), "{\"apiVersion\": \"sloscaler.io/v1alpha1\", \"kind\": \"ScalingPolicy\", \"metadata\": {\"name\": \"c\"}}");
        Write("notes.txt", "not yaml at all: [");
        Write(Path.Combine("chart", "values.yaml"), "replicas: 2\nimage: {tag: latest}\n");
        Write(Path.Combine(".github", "workflows", "ci.yaml"), "on: [push]\njobs: {}\n");

        var (code, output, error) = Invoke("validate", _dir);

        Assert.Equal(1, code);
        Assert.Contains($"{Path.Combine(_dir, "nested", "c.json")}:1: spec: is required", Lines(error));
        Assert.Equal("1 problem; 2 of 3 policies valid; 1 document of other kinds skipped", output.Trim());
    }

    [Fact]
    public void Validate_NamedFileWithoutKind_IsJudgedAsAPolicy()
    {
        var file = Write("values.yaml", "replicas: 2\n");

        var (code, _, error) = Invoke("validate", file);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:1: kind: is required", Lines(error));
        Assert.Contains($"{file}:1: replicas: unknown field", Lines(error));
    }

    [Fact]
    public void Validate_Stdin_ReadsTheDash()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = ValidateCommand.Run(["-"], new ValidateOptions(), () => new MemoryStream(Encoding.UTF8.GetBytes(Replace("minReplicas: 2", "minReplica: 2"))), output, error);

        Assert.Equal(1, code);
        Assert.Equal(["<stdin>:13: spec.minReplica: unknown field; did you mean \"minReplicas\"?"], Lines(error.ToString()));
    }

    [Fact]
    public void Validate_EndlessStdin_StopsAtTheSizeCap()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var options = new ValidateOptions { Limits = Core.Policy.YamlLimits.Default with { MaxBytes = 1024 * 1024 } };

        var code = ValidateCommand.Run(["-"], options, () => new EndlessStream(), output, error);

        Assert.Equal(1, code);
        Assert.Equal(["<stdin>: file: is larger than the limit of 1 MiB"], Lines(error.ToString()));
    }

    [Fact]
    public void Validate_InvalidUtf8_NamesTheLine()
    {
        var file = Path.Combine(_dir, "latin1.yaml");
        File.WriteAllBytes(file, [.. "a: 1\nb: caf"u8, 0xE9, (byte)'\n']);

        var (code, _, error) = Invoke("validate", file);

        Assert.Equal(1, code);
        Assert.Equal([$"{file}:2: file: is not UTF-8 text (YAML and JSON files must be UTF-8)"], Lines(error));
    }

    [Fact]
    public void Validate_MissingPath_IsAUsageError()
    {
        var missing = Path.Combine(_dir, "does-not-exist.yaml");
        Write("ok.yaml", Sample);

        var (code, output, error) = Invoke("validate", missing, Path.Combine(_dir, "ok.yaml"));

        Assert.Equal(2, code);
        Assert.Equal([$"{missing}: file: does not exist"], Lines(error));
        Assert.Equal("1 problem; 1 of 1 policy valid", output.Trim());
    }

    [Fact]
    public void Validate_OutputJson_IsOneValidDocumentWithEveryProblem()
    {
        var file = Write("bad.yaml", Replace("minReplicas: 2", "minReplica: 2") + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");

        var (code, output, error) = Invoke("validate", "--output", "json", file);

        Assert.Equal(1, code);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("spec.minReplica", problem.GetProperty("field").GetString());
        Assert.Equal(13, problem.GetProperty("line").GetInt32());
        Assert.Equal(1, problem.GetProperty("document").GetInt32());
        Assert.Equal("ConfigMap", Assert.Single(json.RootElement.GetProperty("skipped").EnumerateArray()).GetProperty("kind").GetString());
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData(new[] { "bogus" }, "sloscaler: Unrecognized command or argument 'bogus'.")]
    [InlineData(new[] { "validate" }, "sloscaler validate: Required argument missing for command: 'validate'.")]
    [InlineData(new[] { "validate", "--output", "xml", "x.yaml" }, "sloscaler validate: Argument 'xml' not recognized. Must be one of:")]
    [InlineData(new string[0], "sloscaler: no command given; one of: simulate, validate, run, crd, help")]
    [InlineData(new[] { "simulate", "--scale-to-peak-replicas", "1e7" }, "sloscaler simulate: Cannot parse argument '1e7' for option '--scale-to-peak-replicas' as an integer.")]
    [InlineData(new[] { "simulate", "--trace", "" }, "sloscaler: Cannot parse argument '' for option '--trace' as a file path.")]
    public void CommandLine_BadUsage_OneLinePerProblemOnStderrExit2(string[] args, string expected)
    {
        var (code, output, error) = Invoke(args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var lines = Lines(error);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        // A usage hint follows a parse error; a value error is the one line.
        if (lines.Count > 1) Assert.StartsWith("(run 'sloscaler", Assert.Single(lines.Skip(1)), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_HelpCommand_PrintsTheCommandsHelp()
    {
        var (code, output, error) = Invoke("help", "validate");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("--strict-kinds", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_InternalError_SaysSoAndHowToReportWithoutAStackTrace()
    {
        var failing = new Command("fail", "always throws");
        Func<ParseResult, int> action = _ => throw new InvalidOperationException("the sky fell");
        failing.SetAction(action);
        var root = CommandLine.CreateRoot(failing);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = CommandLine.Invoke(root, ["fail"], output, error);

        Assert.Equal(3, code);
        var line = Assert.Single(Lines(error.ToString()));
        Assert.StartsWith("sloscaler: internal error: the sky fell. This is a bug: please report it", line, StringComparison.Ordinal);
    }

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var root = CommandLine.CreateRoot(SimulateCommand.Create(), ValidateCommand.Create(), RunCommand.Create(), CrdCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Invoke(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>A stdin that never ends, like <c>yes | sloscaler validate -</c>.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
