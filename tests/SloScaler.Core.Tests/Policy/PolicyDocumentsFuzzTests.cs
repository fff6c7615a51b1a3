using System.Text;
using CsCheck;
using SloScaler.Core.Policy;
using SloScaler.Core.Tests.Support;

namespace SloScaler.Core.Tests.Policy;

/// <summary>
/// Random and mutated YAML against the policy reader: it never throws, refuses what is broken, and
/// allocates in proportion to the input (a generous factor per byte plus a fixed allowance that
/// covers the capped alias expansion).
/// </summary>
public sealed class PolicyDocumentsFuzzTests
{
    private const long BytesPerInputByte = 4_000;
    private const long FixedAllowance = 8 * 1024 * 1024;

    private static readonly string Sample = File.ReadAllText(Path.Combine(Repo.Root(), "config", "samples", "web-api-rps.yaml"));

    private static readonly Gen<char> YamlChar = Gen.OneOf(
        Gen.Char["[]{}:,-&*!|>'\"#%@?`~ \n\t"],
        Gen.Char['a', 'z'],
        Gen.Char['0', '9'],
        Gen.Char['\0', '\u001f'],
        Gen.Char['\u0080', '\uffff']);

    private static readonly Gen<string> RandomYaml = YamlChar.Array[0, 400].Select(c => new string(c));

    /// <summary>The sample with a few characters inserted, deleted or replaced, or a slice repeated.</summary>
    private static readonly Gen<string> MutatedSample =
        Gen.Select(Gen.Int[0, Sample.Length - 1], Gen.Int[0, 3], YamlChar, Gen.Int[1, 40]).Array[1, 8].Select(edits =>
        {
            var text = new StringBuilder(Sample);
            foreach (var (at, kind, c, length) in edits)
            {
                var i = Math.Min(at, text.Length - 1);
                switch (kind)
                {
                    case 0: text.Insert(i, c); break;
                    case 1: text.Remove(i, 1); break;
                    case 2: text[i] = c; break;
                    default: text.Insert(i, text.ToString(i, Math.Min(length, text.Length - i))); break;
                }
            }
            return text.ToString();
        });

    /// <summary>Aliases of aliases: each level refers to the one before <c>width</c> times.</summary>
    private static readonly Gen<string> AliasBomb = Gen.Select(Gen.Int[2, 12], Gen.Int[2, 12], Gen.Bool).Select((levels, width, inPolicy) =>
    {
        var sb = new StringBuilder(inPolicy ? Sample.Replace("spec:\n", "spec:\n  x:\n", StringComparison.Ordinal)[..(Sample.IndexOf("spec:\n", StringComparison.Ordinal) + 11)] : "");
        var indent = inPolicy ? "    " : "";
        sb.Append(indent).Append("l0: &l0 [").Append(string.Join(',', Enumerable.Repeat("lol", width))).Append("]\n");
        for (var level = 1; level < levels; level++)
            sb.Append(indent).Append($"l{level}: &l{level} [").Append(string.Join(',', Enumerable.Repeat($"*l{level - 1}", width))).Append("]\n");
        return sb.ToString();
    });

    // Deeper than the cap by construction: a shallower document may be valid YAML of another kind, which the test below does not expect.
    private static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[YamlLimits.Default.MaxDepth + 1, 20_000], Gen.OneOf(Gen.Const("["), Gen.Const("{a: "), Gen.Const("- "), Gen.Const("a:\n")), Gen.Bool)
        .Select((depth, open, close) =>
        {
            var sb = new StringBuilder();
            for (var i = 0; i < depth; i++) sb.Append(open == "a:\n" || open == "- " ? new string(' ', Math.Min(i, 200)) + open : open);
            if (close && open == "[") sb.Append(']', depth);
            return sb.ToString();
        });

    private static readonly Gen<string> HugeScalar = Gen.Select(Gen.Int[10_000, 1_000_000], Gen.Char['a', 'z'], Gen.Bool)
        .Select((length, c, quoted) => "apiVersion: sloscaler.io/v1alpha1\nkind: ScalingPolicy\nmetadata: {name: " + (quoted ? "\"" : "") + new string(c, length) + (quoted ? "\"" : "") + "}\n");

    [Fact]
    public void ReadFile_RandomYaml_NeverThrowsAndStaysBounded() => RandomYaml.Sample(yaml => _ = Check(yaml), iter: 2000);

    [Fact]
    public void ReadFile_MutatedPolicy_NeverThrowsAndStaysBounded() => MutatedSample.Sample(yaml => _ = Check(yaml), iter: 1000);

    [Fact]
    public void ReadFile_AliasBomb_IsRefusedWithinTheAliasBudget() => AliasBomb.Sample(yaml =>
    {
        // Without the cap, the last level alone would copy width^levels nodes; the allocation bound in Check holds anyway.
        var file = Check(yaml);
        Assert.True(file.Policies.All(p => !p.Validation.IsValid), "an alias bomb passed as a valid policy");
    }, iter: 200);

    [Fact]
    public void ReadFile_DeepNesting_IsRefusedWithoutOverflowingTheStack() => DeepNesting.Sample(yaml =>
    {
        var file = Check(yaml);
        var problems = file.Policies.SelectMany(p => p.Validation.Problems).ToList();
        Assert.Contains(problems, p => p.Message.Contains("nested deeper than", StringComparison.Ordinal) || p.Field == "yaml");
    }, iter: 100);

    [Fact]
    public void ReadFile_HugeScalar_IsInvalidAndBounded() => HugeScalar.Sample(yaml =>
    {
        var file = Check(yaml);
        Assert.All(file.Policies, p => Assert.False(p.Validation.IsValid));
    }, iter: 20);

    [Fact]
    public void ReadFile_InputOverTheSizeCap_IsOneProblem()
    {
        var file = PolicyDocuments.ReadFile(new string('a', 2048), YamlLimits.Default with { MaxBytes = 1024 });

        var problem = Assert.Single(Assert.Single(file.Policies).Validation.Problems);
        Assert.Equal("file: is larger than the limit of 1024 bytes", problem.ToString());
    }

    /// <summary>Reads <paramref name="yaml"/> and asserts the invariants every input must keep.</summary>
    private static PolicyFile Check(string yaml)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var file = PolicyDocuments.ReadFile(yaml);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated <= FixedAllowance + (BytesPerInputByte * yaml.Length),
            $"{allocated} bytes allocated for {yaml.Length} characters of input");
        // Invalid content is never reported as valid: every document read is either a valid policy, or has a problem, or is another kind.
        Assert.True(file.Policies.Count + file.Others.Count > 0, "no outcome for the input");
        foreach (var policy in file.Policies)
        {
            Assert.True(policy.Validation.IsValid || policy.Validation.Problems.Count > 0);
            foreach (var problem in policy.Validation.Problems)
            {
                Assert.False(string.IsNullOrWhiteSpace(problem.Field));
                Assert.DoesNotContain("System.", problem.Message, StringComparison.Ordinal);
            }
        }
        return file;
    }
}
