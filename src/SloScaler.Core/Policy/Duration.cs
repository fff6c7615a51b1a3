using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace SloScaler.Core.Policy;

/// <summary>
/// A duration as Kubernetes stores it: a Go duration string such as <c>15s</c>, <c>5m</c>,
/// <c>250ms</c> or <c>1h30m</c>. The original text is kept, so a bad value survives
/// deserialisation and validation can name it instead of the parser throwing.
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration(string Text)
{
    private static readonly (string Unit, double Seconds)[] Units =
    [
        ("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("μs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600),
    ];

    /// <summary>The parsed value, or null when <see cref="Text"/> is not a duration.</summary>
    public TimeSpan? Value => TryParse(Text, out var value) ? value : null;

    public static Duration From(TimeSpan value) => new(Format(value));

    public static implicit operator Duration(TimeSpan value) => From(value);

    public override string ToString() => Text;

    /// <summary>Parses a Go duration string: an optional sign, then one or more decimal numbers each with a unit.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var i = 0;
        var sign = 1.0;
        if (s[0] is '-' or '+')
        {
            sign = s[0] == '-' ? -1 : 1;
            i = 1;
        }
        if (s[i..] == "0") return true;
        double total = 0;
        var any = false;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start || !double.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return false;
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            var unit = s[unitStart..i];
            var factor = Array.Find(Units, u => u.Unit == unit).Seconds;
            if (factor == 0) return false;
            total += number * factor;
            any = true;
        }
        if (!any || total * 1e3 > TimeSpan.MaxValue.TotalMilliseconds) return false;
        value = TimeSpan.FromTicks((long)Math.Round(sign * total * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>Formats like Kubernetes would write it by hand: <c>250ms</c>, <c>15s</c>, <c>5m</c>, <c>1h30m</c>, <c>1.5s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var sb = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            sb.Append('-');
            value = value.Negate();
        }
        if (value < TimeSpan.FromSeconds(1))
            return sb.Append(value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)).Append("ms").ToString();
        var hours = (long)value.TotalHours;
        var minutes = value.Minutes;
        var seconds = value.TotalSeconds - (hours * 3600) - (minutes * 60);
        if (hours > 0) sb.Append(hours).Append('h');
        if (minutes > 0) sb.Append(minutes).Append('m');
        if (seconds > 1e-9 || sb.Length == 0 || (sb.Length == 1 && sb[0] == '-'))
            sb.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        return sb.ToString();
    }
}
