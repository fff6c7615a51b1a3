using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SloScaler.Core.Policy;

/// <summary>
/// Reads numbers or strings into a <see cref="Quantity"/> without throwing, marking a number that is not an
/// integer; writes integers as numbers and everything else as strings, the two forms the CRD's
/// int-or-string schema takes.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var number = reader.TokenType == JsonTokenType.Number;
        var text = ScalarText.Read(ref reader);
        return new Quantity(text) { FractionalNumber = number && !IsInteger(text) };
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        if (!value.FractionalNumber && IsInteger(value.Text))
            writer.WriteNumberValue(long.Parse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        else
            writer.WriteStringValue(value.Text);
    }

    private static bool IsInteger(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
