using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SloScaler.Core.Policy;

/// <summary>Reads numbers or strings into a <see cref="Quantity"/> without throwing; writes plain numbers as numbers.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(ScalarText.Read(ref reader));

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        if (double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            writer.WriteNumberValue(number);
        else
            writer.WriteStringValue(value.Text);
    }
}
