using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SloScaler.Core.Policy;

/// <summary>
/// Reads numbers or strings into a <see cref="Quantity"/> without throwing, marking a number whose value is not
/// whole; writes integers as numbers and everything else as strings, the two forms the CRD's
/// int-or-string schema takes.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The API server takes a number here only when its value is whole (2, 2.0, 1e3), as kube-openapi checks "integer".
        var fractional = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && value != Math.Floor(value);
        return new Quantity(ScalarText.Read(ref reader)) { FractionalNumber = fractional };
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        if (!value.FractionalNumber && long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            writer.WriteNumberValue(integer);
        else
            writer.WriteStringValue(value.Text);
    }
}
