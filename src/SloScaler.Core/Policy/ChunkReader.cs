using System.Text.Json.Nodes;
using SloScaler.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SloScaler.Core.Policy;

/// <summary>
/// Builds JSON from the YAML events of one chunk of a file (the text between two <c>---</c> lines),
/// with an explicit stack (no recursion), capped depth and a budget for nodes copied by aliases.
/// The first problem ends the document it is in.
/// </summary>
internal sealed class ChunkReader(string text, int firstLine, YamlLimits limits, List<YamlDocument> documents)
{
    private sealed class Frame(JsonNode container, string path, string? anchor)
    {
        public JsonNode Container { get; } = container;
        public string Path { get; } = path;
        public string? Anchor { get; } = anchor;
        public string? Key { get; set; }
        public int Size { get; set; } = 1;
        public int Height { get; set; } = 1;
    }

    private readonly Stack<Frame> _stack = new();
    private readonly Dictionary<string, (JsonNode? Node, int Size, int Height)> _anchors = new(StringComparer.Ordinal);
    private Dictionary<string, int> _lines = new(StringComparer.Ordinal);
    private List<ValidationProblem> _problems = [];
    private JsonNode? _root;
    private int _documentLine;
    private int _aliasNodes;
    private int _line;
    private bool _inDocument;

    public void Read()
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is not { } current) continue;
                _line = YamlReader.LineOf(current.Start, firstLine);
                if (!Handle(current))
                {
                    Finish();
                    return;
                }
            }
        }
        catch (YamlException e)
        {
            Fail(YamlReader.LineOf(e.Start, firstLine), YamlReader.CleanMessage(e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet throws these (not YamlException) on some malformed input, e.g. an unclosed flow mapping.
            Fail(_line, "is not valid YAML (the parser stopped here: check for an unclosed bracket, brace or quote)");
        }
        if (_inDocument) Finish();
    }

    private void Fail(int line, string message)
    {
        // YamlDotNet puts an error at the end of input one line past the last; keep it on a line that exists.
        var lines = text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
        line = Math.Min(line, firstLine + Math.Max(lines, 1) - 1);
        if (!_inDocument) Begin(line);
        _root = null;
        _problems.Add(new ValidationProblem("yaml", message) { Line = line });
        Finish();
    }

    private void Begin(int line)
    {
        _inDocument = true;
        _documentLine = line;
        _root = null;
        _stack.Clear();
        _anchors.Clear();
        _aliasNodes = 0;
        _lines = new Dictionary<string, int>(StringComparer.Ordinal);
        _problems = [];
    }

    private void Finish()
    {
        if (!_inDocument) return;
        documents.Add(new YamlDocument(documents.Count, _documentLine, _problems.Count == 0 ? _root : null, _problems, _lines));
        _inDocument = false;
    }

    /// <summary>Handles one event; false ends the document (a problem was recorded).</summary>
    private bool Handle(ParsingEvent current)
    {
        switch (current)
        {
            case DocumentStart:
                Begin(_line);
                return true;
            case DocumentEnd:
                Finish();
                return true;
            case MappingStart map:
                return Open(new JsonObject(), map.Anchor);
            case SequenceStart seq:
                return Open(new JsonArray(), seq.Anchor);
            case MappingEnd or SequenceEnd:
                return Close();
            case Scalar scalar:
                if (_stack.TryPeek(out var top) && top.Container is JsonObject && top.Key is null)
                    return SetKey(top, scalar.Value ?? "");
                var value = YamlReader.Scalar(scalar);
                if (!scalar.Anchor.IsEmpty) _anchors[scalar.Anchor.Value] = (value, 1, 0);
                return Add(value, 1, 0);
            case AnchorAlias alias:
                return Alias(alias.Value.Value);
            default:
                return true;
        }
    }

    private string ChildPath()
    {
        if (!_stack.TryPeek(out var top)) return "";
        if (top.Container is JsonObject) return top.Key is null ? top.Path : FieldPath.Child(top.Path, top.Key);
        return FieldPath.Item(top.Path, ((JsonArray)top.Container).Count);
    }

    private bool Open(JsonNode container, AnchorName anchor)
    {
        if (_stack.TryPeek(out var top) && top.Container is JsonObject && top.Key is null)
            return Problem("a mapping key must be a plain value, not a mapping or a sequence");
        if (_stack.Count >= limits.MaxDepth)
            return Problem($"is nested deeper than {limits.MaxDepth} levels");
        var path = ChildPath();
        if (path.Length > 0) _lines.TryAdd(path, _line);
        _stack.Push(new Frame(container, path, anchor.IsEmpty ? null : anchor.Value));
        return true;
    }

    private bool Close()
    {
        var frame = _stack.Pop();
        if (frame.Anchor is not null) _anchors[frame.Anchor] = (frame.Container, frame.Size, frame.Height);
        return Add(frame.Container, frame.Size, frame.Height, recordLine: false);
    }

    private bool SetKey(Frame top, string key)
    {
        if (top.Container is JsonObject obj && obj.ContainsKey(key))
            return Problem($"key \"{Shorten(key)}\" appears twice in {(top.Path.Length == 0 ? "the document" : top.Path)}");
        top.Key = key;
        return true;
    }

    private bool Alias(string name)
    {
        if (_stack.TryPeek(out var top) && top.Container is JsonObject && top.Key is null)
        {
            return _anchors.TryGetValue(name, out var key) && key.Node is JsonValue value
                ? SetKey(top, value.ToString())
                : Problem($"alias *{Shorten(name)} as a mapping key must name a plain value");
        }
        if (!_anchors.TryGetValue(name, out var anchored))
            return Problem($"alias *{Shorten(name)} names no anchor defined before it");
        _aliasNodes += anchored.Size;
        if (_aliasNodes > limits.MaxAliasNodes)
            return Problem($"aliases expand to more than {limits.MaxAliasNodes} nodes (an alias bomb?); refusing to expand further");
        if (_stack.Count + anchored.Height > limits.MaxDepth)
            return Problem($"is nested deeper than {limits.MaxDepth} levels (through alias *{Shorten(name)})");
        return Add(anchored.Node?.DeepClone(), anchored.Size, anchored.Height);
    }

    private bool Add(JsonNode? node, int size, int height, bool recordLine = true)
    {
        if (!_stack.TryPeek(out var top))
        {
            _root = node;
            return true;
        }
        if (recordLine)
        {
            var path = ChildPath();
            if (path.Length > 0) _lines.TryAdd(path, _line);
        }
        top.Size += size;
        top.Height = Math.Max(top.Height, height + 1);
        if (top.Container is JsonObject obj)
        {
            obj[top.Key!] = node;
            top.Key = null;
        }
        else
        {
            ((JsonArray)top.Container).Add(node);
        }
        return true;
    }

    private bool Problem(string message)
    {
        var path = ChildPath();
        _problems.Add(new ValidationProblem(path.Length == 0 ? "yaml" : Shorten(path), message) { Line = _line });
        _root = null;
        return false;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
