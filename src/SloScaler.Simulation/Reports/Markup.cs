using System.Globalization;
using System.Text;

namespace SloScaler.Simulation.Reports;

/// <summary>
/// Text for XHTML-compatible markup: escaped so that it parses as XML and as HTML, with every
/// character outside ASCII written as a numeric reference (the output does not depend on the
/// writer's encoding), and numbers in the invariant culture.
/// </summary>
internal static class Markup
{
    /// <summary><paramref name="text"/> escaped for an element's content or a quoted attribute.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                case '\t' or '\n' or '\r': builder.Append(c); break;
                case < ' ' or (>= '\u007f' and < '\u00a0') or '\ufffe' or '\uffff': builder.Append("&#xFFFD;"); break;
                case < '\u007f': builder.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append("&#x").Append(char.ConvertToUtf32(c, text[i + 1]).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        builder.Append("&#xFFFD;");
                    }
                    else
                    {
                        builder.Append("&#x").Append(((int)c).ToString("X", CultureInfo.InvariantCulture)).Append(';');
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A number for people, e.g. <c>Number(1234.5, "0.#")</c>.</summary>
    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: one decimal, invariant.</summary>
    public static string Coordinate(double value) => (Math.Round(value, 1) + 0.0).ToString("0.#", CultureInfo.InvariantCulture);
}
