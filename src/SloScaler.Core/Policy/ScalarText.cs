using System.Buffers;
using System.Text;
using System.Text.Json;

namespace SloScaler.Core.Policy;

/// <summary>Reads a JSON scalar as the text a person wrote, so converters can keep bad values for validation.</summary>
internal static class ScalarText
{
    public static string Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString() ?? "";
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.Null:
                return "";
            default:
                reader.Skip();
                return $"<{reader.TokenType}>";
        }
    }
}
