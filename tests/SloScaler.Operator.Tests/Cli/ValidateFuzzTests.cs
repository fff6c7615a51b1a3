using CsCheck;
using SloScaler.Operator.Cli;
using SloScaler.Operator.Tests.Kubernetes.Support;

namespace SloScaler.Operator.Tests.Cli;

/// <summary>
/// Random and mutated bytes (NUL, control characters, invalid UTF-8) through <c>validate -</c>: never
/// an exception, exit 0 exactly when no problem is printed, one printable line per problem, and
/// allocation proportional to the input.
/// </summary>
public sealed class ValidateFuzzTests
{
    private const long BytesPerInputByte = 4_000;
    private const long FixedAllowance = 8 * 1024 * 1024;

    private static readonly byte[] Sample = File.ReadAllBytes(Repo.PathOf("config", "samples", "web-api-rps.yaml"));

    private static readonly Gen<byte[]> RandomBytes = Gen.OneOf(
        Gen.Byte.Array[0, 300],
        Gen.OneOf(Gen.Byte[0, 31], Gen.Byte[32, 126], Gen.Byte[0x80, 0xff]).Array[0, 300]);

    private static readonly Gen<byte[]> MutatedSample = Gen.Select(Gen.Int[0, Sample.Length - 1], Gen.Byte, Gen.Int[0, 2]).Array[1, 10].Select(edits =>
    {
        var bytes = new List<byte>(Sample);
        foreach (var (at, b, kind) in edits)
        {
            var i = Math.Min(at, bytes.Count - 1);
            if (kind == 0) bytes.Insert(i, b);
            else if (kind == 1) bytes.RemoveAt(i);
            else bytes[i] = b;
        }
        return bytes.ToArray();
    });

    [Fact]
    public void Validate_RandomBytes_NeverThrowsAndRefusesGarbage() => RandomBytes.Sample(Check, iter: 1500);

    [Fact]
    public void Validate_MutatedPolicy_NeverThrowsAndStaysBounded() => MutatedSample.Sample(Check, iter: 800);

    private static void Check(byte[] input)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var code = ValidateCommand.Run(["-"], new ValidateOptions(), () => new MemoryStream(input), output, error);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= FixedAllowance + (BytesPerInputByte * input.Length), $"{allocated} bytes allocated for {input.Length} bytes of input");
        Assert.InRange(code, 0, 1);
        // Exit 0 exactly when no problem was printed; a summary line always.
        Assert.Equal(code == 0, error.ToString().Length == 0);
        Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var line in error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.StartsWith("<stdin>", line, StringComparison.Ordinal);
            Assert.DoesNotContain(line.TrimEnd('\r'), char.IsControl);
        }
    }
}
