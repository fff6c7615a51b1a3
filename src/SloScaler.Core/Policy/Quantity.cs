using System.Globalization;
using System.Text.Json.Serialization;

namespace SloScaler.Core.Policy;

/// <summary>
/// A Kubernetes resource quantity (<c>120</c>, <c>1.5k</c>, <c>500m</c>, <c>2Ki</c>, <c>1e3</c>), written
/// in YAML/JSON as an integer or a string, as the API server takes it. The original text is kept for
/// validation messages, and whether it was written as a fractional number (<c>1.5</c> unquoted), which the
/// API server refuses.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly record struct Quantity(string Text)
{
    private static readonly (string Suffix, double Factor)[] Suffixes =
    [
        ("Ki", 1024d), ("Mi", 1024d * 1024), ("Gi", 1024d * 1024 * 1024), ("Ti", Math.Pow(1024, 4)), ("Pi", Math.Pow(1024, 5)), ("Ei", Math.Pow(1024, 6)),
        ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ];

    /// <summary>
    /// Read from a JSON/YAML number whose value is not whole (<c>1.5</c>; not <c>2.0</c> or <c>1e3</c>): the schema
    /// takes an integer or a string here, so the API server refuses it, and validation says so.
    /// </summary>
    public bool FractionalNumber { get; init; }

    /// <summary>The numeric value, or null when <see cref="Text"/> is not a quantity.</summary>
    public double? Value => TryParse(Text, out var v) ? v : null;

    public static Quantity From(double value) => new(value.ToString("G17", CultureInfo.InvariantCulture));

    public static implicit operator Quantity(double value) => From(value);

    public override string ToString() => Text;

    public static bool TryParse(string? text, out double value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var factor = 1.0;
        foreach (var (suffix, f) in Suffixes)
        {
            if (s.EndsWith(suffix, StringComparison.Ordinal) && s.Length > suffix.Length && (char.IsAsciiDigit(s[^(suffix.Length + 1)]) || s[^(suffix.Length + 1)] == '.'))
            {
                factor = f;
                s = s[..^suffix.Length];
                break;
            }
        }
        if (!double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
            return false;
        value = number * factor;
        return double.IsFinite(value);
    }
}
