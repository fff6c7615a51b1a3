using System.Text.Json;
using System.Text.Json.Nodes;
using SloScaler.Core.Validation;
using YamlDotNet.Core;

namespace SloScaler.Core.Policy;

/// <summary>One policy read from a file: the policy when it could be read, and every problem found.</summary>
public sealed record LoadedPolicy(int Document, ScalingPolicy? Policy, ValidationResult Validation)
{
    public string Name => Policy?.Metadata?.Name ?? $"document {Document + 1}";
}

/// <summary>Reads ScalingPolicy documents from YAML or JSON text and validates them. Never throws on bad input.</summary>
public static class PolicyDocuments
{
    public static IReadOnlyList<LoadedPolicy> Load(string text)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlToJson.ConvertAll(text);
        }
        catch (YamlException e)
        {
            var problem = new ValidationProblem($"line {e.Start.Line}", $"is not valid YAML: {e.Message}");
            return [new LoadedPolicy(0, null, new ValidationResult([problem], null))];
        }
        var result = new List<LoadedPolicy>();
        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is null) continue;
            result.Add(Read(i, documents[i]!));
        }
        return result;
    }

    public static LoadedPolicy Read(int index, JsonNode node)
    {
        ScalingPolicy? policy;
        try
        {
            policy = node.Deserialize<ScalingPolicy>(PolicyJson.Options);
        }
        catch (JsonException e)
        {
            var field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            var problem = new ValidationProblem(field.Length == 0 ? "document" : field, $"has the wrong type: {FirstSentence(e.Message)}");
            return new LoadedPolicy(index, null, new ValidationResult([problem], null));
        }
        if (policy is null)
            return new LoadedPolicy(index, null, new ValidationResult([new ValidationProblem("document", "is empty")], null));

        var problems = new List<ValidationProblem>();
        if (policy.ApiVersion != ScalingPolicy.ApiVersionValue)
            problems.Add(new ValidationProblem("apiVersion", $"{ProblemList.Quote(policy.ApiVersion)} is not {ScalingPolicy.ApiVersionValue}"));
        if (policy.Kind != ScalingPolicy.KindValue)
            problems.Add(new ValidationProblem("kind", $"{ProblemList.Quote(policy.Kind)} is not {ScalingPolicy.KindValue}"));
        if (string.IsNullOrWhiteSpace(policy.Metadata?.Name))
            problems.Add(new ValidationProblem("metadata.name", "is required"));
        var validation = PolicyValidator.Validate(policy.Spec);
        problems.AddRange(validation.Problems);
        return new LoadedPolicy(index, policy, new ValidationResult(problems, problems.Count == 0 ? validation.Settings : null));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
