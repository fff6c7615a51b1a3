using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SloScaler.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SloScaler.Core.Policy;

/// <summary>
/// One YAML document as JSON: its 0-based index in the file, the line it starts on, the root
/// (null when empty or unreadable), the problems met while reading it, and the line of every field path.
/// </summary>
public sealed record YamlDocument(int Index, int Line, JsonNode? Root, IReadOnlyList<ValidationProblem> Problems, IReadOnlyDictionary<string, int> Lines)
{
    public bool IsEmpty => Root is null && Problems.Count == 0;

    /// <summary>The line of <paramref name="field"/>, or of its nearest parent that has one.</summary>
    public int? LineOf(string field)
    {
        for (var path = field; path.Length > 0; path = Parent(path))
        {
            if (Lines.TryGetValue(path, out var line)) return line;
        }
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>
/// Reads YAML (and JSON) the way Kubernetes does, from an event stream so that every document is read
/// within <see cref="YamlLimits"/>: nesting depth and alias expansion are capped, a syntax error costs
/// only the document it is in (documents are split on <c>---</c> lines first), and no input makes it
/// throw. Plain scalars resolve by the YAML 1.2 core schema; quoted scalars stay strings.
/// </summary>
public static partial class YamlReader
{
    public static IReadOnlyList<YamlDocument> ReadAll(string text, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        var documents = new List<YamlDocument>();
        foreach (var (line, chunk) in Split(text))
            new ChunkReader(chunk, line, limits, documents).Read();
        return documents;
    }

    /// <summary>Splits on lines that start a document (<c>---</c>), keeping each chunk's first line number.</summary>
    private static IEnumerable<(int Line, string Text)> Split(string text)
    {
        var start = 0;
        var startLine = 1;
        var line = 1;
        for (var i = 0; i <= text.Length; line++)
        {
            var end = text.IndexOf('\n', i);
            if (end < 0) end = text.Length;
            if (i > start && IsSeparator(text.AsSpan(i, end - i)))
            {
                yield return (startLine, text[start..i]);
                start = i;
                startLine = line;
            }
            i = end + 1;
        }
        if (start < text.Length || text.Length == 0) yield return (startLine, text[start..]);
    }

    private static bool IsSeparator(ReadOnlySpan<char> line) =>
        line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t' or '\r');

    internal static JsonValue? Scalar(Scalar scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value.EndsWith(":str", StringComparison.Ordinal)))
            return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (text.Length <= 20 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return JsonValue.Create(integer);
        if (text.Length <= 64 && LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        return JsonValue.Create(text);
    }

    private static bool LooksLikeFloat(string text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') && text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');

    /// <summary>YamlDotNet's message without its "(Line: …) - (Line: …): " prefix.</summary>
    internal static string CleanMessage(string message)
    {
        var text = MarkPrefix().Replace(message, "").Trim();
        if (text.Length > 200) text = text[..200] + "…";
        return text.Length == 0 ? "is not valid YAML" : "is not valid YAML: " + char.ToLowerInvariant(text[0]) + text[1..].TrimEnd('.');
    }

    internal static int LineOf(Mark mark, int firstLine) => (int)Math.Clamp(mark.Line + firstLine - 1, 1, int.MaxValue);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
