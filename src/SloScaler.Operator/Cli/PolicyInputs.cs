using System.Text;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Cli;

/// <summary>One input of <c>validate</c>: its name as printed, and its text or why it could not be read.</summary>
internal sealed record PolicyInput(string Name, string? Text, string? Problem, bool UsageProblem)
{
    /// <summary>The line a read problem is on, when it has one.</summary>
    public int? Line { get; init; }

    /// <summary>Found by searching a directory rather than named: documents that are no Kubernetes object are set aside.</summary>
    public bool FromDirectory { get; init; }
}

/// <summary>
/// Expands <c>validate</c>'s arguments into inputs: files, directories (recursive, <c>*.yaml</c>,
/// <c>*.yml</c>, <c>*.json</c>, in ordinal order) and <c>-</c> for stdin. Each is read within the size
/// cap and decoded as strict UTF-8, so a huge or binary file is one clear line, never a crash.
/// </summary>
internal static class PolicyInputs
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<PolicyInput> Expand(IReadOnlyList<string> paths, Func<Stream> stdin, YamlLimits limits)
    {
        var stdinRead = false;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                if (stdinRead)
                {
                    yield return new PolicyInput("<stdin>", null, "is given more than once", true);
                    continue;
                }
                stdinRead = true;
                using var stream = stdin();
                yield return Read("<stdin>", stream, limits);
            }
            else if (path.Length == 0)
            {
                yield return new PolicyInput("\"\"", null, "an empty path names no file", true);
            }
            else if (Directory.Exists(path))
            {
                // Hidden files and folders (.git, .github) are skipped, as the default enumeration does.
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0) yield return new PolicyInput(path, null, "is a directory with no .yaml, .yml or .json file in it", false);
                foreach (var file in files) yield return ReadFile(file, limits) with { FromDirectory = true };
            }
            else if (File.Exists(path))
            {
                yield return ReadFile(path, limits);
            }
            else
            {
                yield return new PolicyInput(path, null, "does not exist", true);
            }
        }
    }

    private static PolicyInput ReadFile(string path, YamlLimits limits)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(path, stream, limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PolicyInput(path, null, $"cannot be read: {e.Message}", true);
        }
    }

    /// <summary>Reads at most the size cap plus one byte, so an endless stdin stops at the cap.</summary>
    public static PolicyInput Read(string name, Stream stream, YamlLimits limits)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limits.MaxBytes + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.MaxBytes)
                return new PolicyInput(name, null, $"is larger than the limit of {Units.Bytes(limits.MaxBytes)}", false);
        }
        return Decode(name, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static PolicyInput Decode(string name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        try
        {
            return new PolicyInput(name, StrictUtf8.GetString(bytes), null, false);
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + bytes[..Math.Clamp(e.Index, 0, bytes.Length)].Count((byte)'\n');
            return new PolicyInput(name, null, "is not UTF-8 text (YAML and JSON files must be UTF-8)", false) { Line = line };
        }
    }
}
