using System.Text;
using CsCheck;
using SloScaler.Simulation.Traces;

namespace SloScaler.Simulation.Tests.Traces;

/// <summary>
/// Random and mutated CSV against the trace reader: every input gives a trace or one
/// <see cref="TraceFormatException"/> naming a line, never another exception, and allocation stays
/// proportional to the input.
/// </summary>
public sealed class TraceCsvFuzzTests
{
    private const long BytesPerInputByte = 400;
    private const long FixedAllowance = 1024 * 1024;

    private static readonly Gen<char> CsvChar = Gen.OneOf(
        Gen.Char["0123456789.,-+eE\n\r \t"],
        Gen.Char['\0', '\u001f'],
        Gen.Char['a', 'z'],
        Gen.Char['\u0080', '\uffff']);

    private static readonly Gen<string> RandomCsv = CsvChar.Array[0, 300].Select(c => TraceCsv.Header + "\n" + new string(c));

    private static readonly Gen<string> MutatedTrace = Gen.Select(
            Gen.Double[0, 1e6].Array[2, 50],
            Gen.Double[1e-4, 1e6],
            Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 2], CsvChar).Array[0, 6])
        .Select((rps, step, edits) =>
        {
            var sb = new StringBuilder(TraceCsv.Header).Append('\n');
            for (var i = 0; i < rps.Length; i++) sb.Append(FormattableString.Invariant($"{i * step},{rps[i]}\n"));
            foreach (var (at, kind, c) in edits)
            {
                var i = at % sb.Length;
                if (kind == 0) sb.Insert(i, c);
                else if (kind == 1) sb.Remove(i, 1);
                else sb[i] = c;
            }
            return sb.ToString();
        });

    private static readonly Gen<string> Extreme = Gen.OneOf(
        Gen.Int[1, 2_000_000].Select(n => TraceCsv.Header + "\n" + new string('1', n)),
        Gen.Const(TraceCsv.Header + "\n0,0\n60,0\n120,0\n"),
        Gen.Const(TraceCsv.Header + "\n0,1\n1e300,1\n"),
        Gen.Const(TraceCsv.Header + "\n0,1\n1e-300,1\n"),
        Gen.Const(TraceCsv.Header + "\n0,NaN\n1,1\n"),
        Gen.Const(TraceCsv.Header + "\n0,1\0\n1,1\n"),
        Gen.Const(""));

    [Fact]
    public void Load_RandomCsv_TraceOrOneFormatError() => RandomCsv.Sample(text => _ = Check(text), iter: 3000);

    [Fact]
    public void Load_MutatedTrace_TraceOrOneFormatError() => MutatedTrace.Sample(text => _ = Check(text), iter: 2000);

    [Fact]
    public void Load_ExtremeInput_TraceOrOneFormatError() => Extreme.Sample(text =>
    {
        var trace = Check(text);
        Assert.True(trace is null || trace.Rps.Any(r => r > 0), "an all-zero trace was accepted");
    }, iter: 60);

    private static Trace? Check(string text)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Trace? trace = null;
        try
        {
            trace = TraceCsv.Load(new StringReader(text), "fuzz");
        }
        catch (TraceFormatException e)
        {
            Assert.StartsWith("line ", e.Message, StringComparison.Ordinal);
            Assert.True(e.Message.Length < 400, $"a {e.Message.Length}-character message");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= FixedAllowance + (BytesPerInputByte * text.Length), $"{allocated} bytes allocated for {text.Length} characters");
        if (trace is not null)
        {
            Assert.True(trace.Count >= 2);
            Assert.True(trace.Step >= TraceCsv.MinStep && trace.Step <= TraceCsv.MaxStep);
            Assert.All(trace.Rps, r => Assert.True(double.IsFinite(r) && r >= 0));
        }
        return trace;
    }
}
