using System.Text.Json;
using System.Text.Json.Serialization;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Kubernetes;

/// <summary>
/// Reads and writes a core type with <see cref="PolicyJson.Options"/> whatever options the outer
/// serializer (KubernetesClient's) uses, so the policy's JSON has one definition.
/// </summary>
public sealed class PolicyJsonConverter<T> : JsonConverter<T> where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(ref reader, PolicyJson.Options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, PolicyJson.Options);
}
