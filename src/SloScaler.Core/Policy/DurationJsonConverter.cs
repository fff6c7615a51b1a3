using System.Text.Json;
using System.Text.Json.Serialization;

namespace SloScaler.Core.Policy;

/// <summary>
/// Reads any scalar token into a <see cref="Duration"/> without throwing (validation judges it);
/// writes the original text back, as the API server stores it.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(ScalarText.Read(ref reader));

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}
