using SloScaler.Operator.Cli;

namespace SloScaler.Operator.Tests.Cli;

/// <summary>simulate's arguments and output paths are checked before anything runs, each problem one line naming the flag.</summary>
public sealed class SimulateArgumentsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("sloscaler-simulate-args-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData("--scale-to-peak-replicas 1000000000", "--scale-to-peak-replicas: 1000000000 must be between 1 and 1000")]
    [InlineData("--scale-to-peak-replicas 0", "--scale-to-peak-replicas: 0 must be between 1 and 1000")]
    [InlineData("--noise -0.5", "--noise: -0.5 must be between 0 and 1")]
    [InlineData("--noise NaN", "--noise: NaN must be between 0 and 1")]
    [InlineData("--noise Infinity", "--noise: Infinity must be between 0 and 1")]
    [InlineData("--report DIR/missing/report.html", "--report: the directory \"DIR/missing\" does not exist")]
    [InlineData("--report DIR", "--report: \"DIR\" is a directory; give a file name such as report.html")]
    [InlineData("--trace DIR/none.csv", "--trace: \"DIR/none.csv\" does not exist")]
    [InlineData("--trace DIR", "--trace: \"DIR\" is a directory, not a CSV file")]
    [InlineData("--noise 0.05 --report DIR/report.html", null)]
    public void Check_BadArgument_OneLineNamingTheFlag(string args, string? expected)
    {
        var options = SimulateCommand.Parse(args.Replace("DIR", _dir.FullName, StringComparison.Ordinal).Split(' '));

        Assert.Equal(expected?.Replace("DIR", _dir.FullName, StringComparison.Ordinal), SimulateArguments.Check(options));
    }

    [Fact]
    public void Plan_AllZeroTrace_IsRefusedBeforeTheRun()
    {
        var trace = Path.Combine(_dir.FullName, "zero.csv");
        File.WriteAllText(trace, "t_seconds,rps\n0,0\n60,0\n120,0\n");

        var (specs, problem) = SimulateCommand.Plan(SimulateCommand.Parse("--trace", trace));

        Assert.Null(specs);
        Assert.Equal($"--trace {trace}: line 4: every rps is 0: the trace has no load to simulate", problem);
    }

    [Fact]
    public void Help_SaysTheCaps()
    {
        var help = new StringWriter();
        var root = CommandLine.CreateRoot(SimulateCommand.Create());

        Assert.Equal(0, CommandLine.Invoke(root, ["simulate", "--help"], help, new StringWriter()));
        Assert.Contains("(1 to 1000)", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("(0 to 1)", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("at most 1000000 rows", help.ToString(), StringComparison.Ordinal);
    }
}
