using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Traces;

public sealed class TraceCsvTests
{
    private static Trace Load(string text) => TraceCsv.Load(new StringReader(text), "test");

    private static TraceFormatException LoadFails(string text) => Assert.Throws<TraceFormatException>(() => Load(text));

    [Fact]
    public void Load_GoodFile_ReadsStepAndPoints()
    {
        var trace = Load("t_seconds,rps\n0,10\n60,20.5\n120,30\n");
        Assert.Equal("test", trace.Name);
        Assert.Equal(TimeSpan.FromSeconds(60), trace.Step);
        Assert.Equal([10.0, 20.5, 30.0], trace.Rps);
        Assert.Equal(TimeSpan.FromMinutes(3), trace.Duration);
    }

    [Fact]
    public void Load_CrlfBlankLinesAndOffsetStart_AreAccepted()
    {
        var trace = Load("t_seconds, rps\r\n1000,1\r\n\r\n1015,2\r\n1030,3\r\n\r\n");
        Assert.Equal(TimeSpan.FromSeconds(15), trace.Step);
        Assert.Equal(3, trace.Count);
    }

    [Theory]
    [InlineData("time,value\n0,1\n1,2\n", "line 1: the header must be \"t_seconds,rps\", found \"time,value\"")]
    [InlineData("", "line 1: the header must be \"t_seconds,rps\", found an empty file")]
    [InlineData("0,1\n1,2\n", "line 1: the header must be \"t_seconds,rps\", found \"0,1\"")]
    public void Load_BadHeader_NamesLineOne(string text, string message)
    {
        var error = LoadFails(text);
        Assert.Equal(1, error.LineNumber);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Load_NonConstantStep_NamesTheLine()
    {
        var error = LoadFails("t_seconds,rps\n0,1\n60,1\n120,1\n150,1\n");
        Assert.Equal(5, error.LineNumber);
        Assert.Equal("line 5: t_seconds \"150\" after \"120\" is a step of 30 s, but the trace's step is 60 s; a constant step is required", error.Message);
    }

    [Theory]
    [InlineData("t_seconds,rps\n0,1\n60,2\n120,3\n180,4\n240,5\n300,6\n360,7\n420,8\n480,9\n540,10\n600,abc\n", "line 12: rps \"abc\" is not a number")]
    [InlineData("t_seconds,rps\n0,1\nx,2\n", "line 3: t_seconds \"x\" is not a number")]
    [InlineData("t_seconds,rps\n0,1\n60,NaN\n", "line 3: rps \"NaN\" is not a finite number")]
    [InlineData("t_seconds,rps\n0,1\n60,-4\n", "line 3: rps \"-4\" is negative")]
    [InlineData("t_seconds,rps\n0,1\n60,2,3\n", "line 3: expected 2 fields (t_seconds,rps), found 3 in \"60,2,3\"")]
    [InlineData("t_seconds,rps\n0,1\n0,2\n", "line 3: t_seconds \"0\" does not increase (previous \"0\")")]
    [InlineData("t_seconds,rps\n0,1\n", "line 2: a trace needs at least two rows to fix its step, found 1")]
    public void Load_BadRow_MessageNamesLineAndValue(string text, string message) =>
        Assert.Equal(message, LoadFails(text).Message);

    [Fact]
    public void Write_ThenLoad_RoundTrips()
    {
        var original = new Trace("round", TimeSpan.FromSeconds(15), [1.5, 0, 1e-3, 12345.678]);
        var writer = new StringWriter();
        TraceCsv.Write(original, writer);
        var loaded = TraceCsv.Load(new StringReader(writer.ToString()), "round");
        Assert.Equal(original.Step, loaded.Step);
        Assert.Equal(original.Rps, loaded.Rps);
    }

    [Fact]
    public void Load_Path_NamesTheTraceAfterTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sloscaler-trace-test-{Environment.ProcessId}.csv");
        File.WriteAllText(path, "t_seconds,rps\n0,1\n10,2\n");
        try
        {
            Assert.Equal(Path.GetFileNameWithoutExtension(path), TraceCsv.Load(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
