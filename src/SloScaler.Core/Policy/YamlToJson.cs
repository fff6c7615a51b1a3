using System.Text.Json.Nodes;

namespace SloScaler.Core.Policy;

/// <summary>
/// Converts trusted YAML (the repository's own manifests) to JSON the way Kubernetes does, through
/// the bounded <see cref="YamlReader"/>; throws <see cref="FormatException"/> on the first problem.
/// Untrusted input goes through <see cref="PolicyDocuments"/>, which reports problems instead.
/// </summary>
public static class YamlToJson
{
    /// <summary>Every non-empty document in <paramref name="yaml"/> as a JSON node.</summary>
    public static IReadOnlyList<JsonNode?> ConvertAll(string yaml)
    {
        var result = new List<JsonNode?>();
        foreach (var document in YamlReader.ReadAll(yaml))
        {
            if (document.Problems.Count > 0)
            {
                var problem = document.Problems[0];
                throw new FormatException($"line {problem.Line}: {problem}");
            }
            if (document.Root is not null) result.Add(document.Root);
        }
        return result;
    }
}
