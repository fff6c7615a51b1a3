using System.Text.Json;
using System.Text.Json.Nodes;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Policy;

/// <summary>One policy read from a file: the policy when it could be read, and every problem found.</summary>
public sealed record LoadedPolicy(int Document, ScalingPolicy? Policy, ValidationResult Validation)
{
    /// <summary>The line the document starts on.</summary>
    public int Line { get; init; } = 1;

    public string Name => Policy?.Metadata?.Name ?? $"document {Document + 1}";
}

/// <summary>A document of another kind (a Deployment next to a policy): skipped, and counted.</summary>
public sealed record OtherDocument(int Document, int Line, string ApiVersion, string Kind, string? Name);

/// <summary>What one file holds: its policies (valid or not), the documents of other kinds, and how many documents in all.</summary>
public sealed record PolicyFile(IReadOnlyList<LoadedPolicy> Policies, IReadOnlyList<OtherDocument> Others, int Documents);

/// <summary>
/// Reads ScalingPolicy documents from YAML or JSON text and validates them, bounded by
/// <see cref="YamlLimits"/>. Every document is checked even when another is broken; documents of
/// other kinds are set aside. Never throws on bad input.
/// </summary>
public static class PolicyDocuments
{
    /// <summary>The policies in <paramref name="text"/> (documents of other kinds left out).</summary>
    public static IReadOnlyList<LoadedPolicy> Load(string text) => ReadFile(text).Policies;

    /// <summary>
    /// Every document of <paramref name="text"/>. With <paramref name="untypedAreOthers"/> (a file found by searching a
    /// directory, which may hold Helm values or CI workflows), a document with neither apiVersion nor kind is set aside as
    /// another kind instead of being judged as a policy that lacks both.
    /// </summary>
    public static PolicyFile ReadFile(string text, YamlLimits? limits = null, bool untypedAreOthers = false)
    {
        limits ??= YamlLimits.Default;
        if (text.Length > limits.MaxBytes)
            return Single(new ValidationProblem("file", $"is larger than the limit of {(limits.MaxBytes >= 1024 * 1024 ? $"{limits.MaxBytes / (1024 * 1024)} MiB" : $"{limits.MaxBytes} bytes")}") { Line = 1 });
        if (ControlCharacter(text) is { } control) return Single(control);
        var documents = YamlReader.ReadAll(text, limits).Where(d => !d.IsEmpty).ToList();
        if (documents.Count == 0)
            return Single(new ValidationProblem("file", "has no document (it is empty or only comments)"));
        var policies = new List<LoadedPolicy>();
        var others = new List<OtherDocument>();
        foreach (var document in documents)
        {
            if (document.Problems.Count > 0 || document.Root is null)
            {
                policies.Add(new LoadedPolicy(document.Index, null, new ValidationResult(document.Problems, null)) { Line = document.Line });
                continue;
            }
            if (document.Root is not JsonObject root)
            {
                var problem = new ValidationProblem("document", $"is {Kind(document.Root)}, not a mapping with apiVersion, kind, metadata and spec") { Line = document.Line };
                policies.Add(new LoadedPolicy(document.Index, null, new ValidationResult([problem], null)) { Line = document.Line });
                continue;
            }
            if (OtherKind(document, root, untypedAreOthers) is { } other)
            {
                others.Add(other);
                continue;
            }
            var loaded = Read(document.Index, root);
            var located = loaded.Validation.Problems.Select(p => p.Line is null ? p with { Line = document.LineOf(p.Field) ?? document.Line } : p).ToList();
            policies.Add(loaded with { Validation = loaded.Validation with { Problems = located }, Line = document.Line });
        }
        return new PolicyFile(policies, others, documents.Count);
    }

    /// <summary>Checks and reads one policy document.</summary>
    public static LoadedPolicy Read(int index, JsonObject node)
    {
        var problems = new List<ValidationProblem>();
        var apiVersion = Text(node, "apiVersion");
        var kind = Text(node, "kind");
        if (apiVersion is null) problems.Add(new ValidationProblem("apiVersion", "is required"));
        else if (apiVersion != ScalingPolicy.ApiVersionValue) problems.Add(new ValidationProblem("apiVersion", $"{ProblemList.Quote(apiVersion)} is not {ScalingPolicy.ApiVersionValue}"));
        if (kind is null) problems.Add(new ValidationProblem("kind", "is required"));
        else if (kind != ScalingPolicy.KindValue) problems.Add(new ValidationProblem("kind", $"{ProblemList.Quote(kind)} is not {ScalingPolicy.KindValue}"));
        problems.AddRange(FieldSchema.Check(node, out var typeErrors));
        if (typeErrors) return new LoadedPolicy(index, null, new ValidationResult(problems, null));

        ScalingPolicy? policy;
        try
        {
            policy = node.Deserialize<ScalingPolicy>(PolicyJson.Options);
        }
        catch (JsonException e)
        {
            // The schema check above catches what it knows; this names the field without .NET type names.
            var field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            problems.Add(new ValidationProblem(field.Length == 0 ? "document" : field, "has a value of the wrong kind"));
            return new LoadedPolicy(index, null, new ValidationResult(problems, null));
        }
        if (policy is null)
            return new LoadedPolicy(index, null, new ValidationResult([new ValidationProblem("document", "is empty")], null));

        CheckMetadata(policy.Metadata, problems);
        var validation = PolicyValidator.Validate(policy.Spec);
        problems.AddRange(validation.Problems);
        return new LoadedPolicy(index, policy, new ValidationResult(problems, problems.Count == 0 ? validation.Settings : null));
    }

    private static void CheckMetadata(PolicyMetadata? metadata, List<ValidationProblem> problems)
    {
        if (metadata?.Name is not { } name)
        {
            problems.Add(new ValidationProblem("metadata.name", "is required"));
            return;
        }
        if (ObjectNames.CheckSubdomain(name) is { } bad) problems.Add(new ValidationProblem("metadata.name", bad));
        if (metadata.Namespace is { } ns && ObjectNames.CheckLabel(ns) is { } badNamespace) problems.Add(new ValidationProblem("metadata.namespace", badNamespace));
        foreach (var (key, value) in metadata.Labels ?? new Dictionary<string, string>())
        {
            var field = $"metadata.labels[{ProblemList.Quote(key)}]";
            if (ObjectNames.CheckLabelKey(key) is { } badKey) problems.Add(new ValidationProblem(field, badKey));
            if (ObjectNames.CheckLabelValue(value) is { } badValue) problems.Add(new ValidationProblem(field, badValue));
        }
    }

    /// <summary>A document that declares another kind, or another API group: set aside, not judged.</summary>
    private static OtherDocument? OtherKind(YamlDocument document, JsonObject root, bool untypedAreOthers)
    {
        var apiVersion = Text(root, "apiVersion");
        var kind = Text(root, "kind");
        if (untypedAreOthers && kind is null && apiVersion is null && !root.ContainsKey("kind") && !root.ContainsKey("apiVersion"))
            return new OtherDocument(document.Index, document.Line, "", "(no kind: not a Kubernetes object)", null);
        if (kind is null || kind == ScalingPolicy.KindValue) return null;
        if (apiVersion is not null && apiVersion.StartsWith(ScalingPolicy.Group + "/", StringComparison.Ordinal)) return null;
        var name = root["metadata"] is JsonObject meta ? Text(meta, "name") : null;
        return new OtherDocument(document.Index, document.Line, apiVersion ?? "", kind, name);
    }

    private static string? Text(JsonObject node, string key) =>
        node[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Kind(JsonNode? node) => node switch
    {
        JsonArray => "a list",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => "a string",
        JsonValue => "a single value",
        _ => "empty",
    };

    /// <summary>The first character YAML does not allow (C0 and C1 controls other than tab, line feed, carriage return and NEL; DEL; NUL).</summary>
    private static ValidationProblem? ControlCharacter(string text)
    {
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n') line++;
            else if ((c < ' ' && c is not '\t' and not '\r') || c == '\u007f' || (c is >= '\u0080' and <= '\u009f' && c != '\u0085') || c is '\uFFFE' or '\uFFFF')
                return new ValidationProblem("yaml", $"contains the control character U+{(int)c:X4}, which YAML does not allow") { Line = line };
        }
        return null;
    }

    private static PolicyFile Single(ValidationProblem problem) =>
        new([new LoadedPolicy(0, null, new ValidationResult([problem], null))], [], 0);
}
