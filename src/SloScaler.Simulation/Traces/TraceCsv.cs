using System.Globalization;

namespace SloScaler.Simulation.Traces;

/// <summary>
/// Reads and writes traces as CSV: the header <c>t_seconds,rps</c>, then one row per point with a
/// constant step between the <c>t_seconds</c> values (the first value is the trace's start and
/// need not be 0). Blank lines are ignored. Every malformed input throws one
/// <see cref="TraceFormatException"/> naming the line and the bad value.
/// </summary>
public static class TraceCsv
{
    public const string Header = "t_seconds,rps";

    private const double StepTolerance = 1e-6;

    /// <summary>The most rows read: a year at a 30 s step is about a million; more is not a trace a simulation can use.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>The longest line read; a row is two numbers.</summary>
    public const int MaxLineLength = 256;

    /// <summary>The shortest and longest step between rows.</summary>
    public static readonly TimeSpan MinStep = TimeSpan.FromMilliseconds(1);

    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(1);

    /// <summary>Loads the file at <paramref name="path"/>; the name defaults to the file name without extension.</summary>
    public static Trace Load(string path, string? name = null)
    {
        using var reader = new StreamReader(path);
        return Load(reader, name ?? Path.GetFileNameWithoutExtension(path));
    }

    public static Trace Load(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 1;
        var header = ReadLine(reader, lineNumber);
        if (header is null || !IsHeader(header))
        {
            var found = header is null ? "an empty file" : $"\"{Shorten(header)}\"";
            throw new TraceFormatException(1, $"the header must be \"{Header}\", found {found}");
        }

        var rps = new List<double>();
        double first = 0, previous = 0, step = 0;
        string previousText = "";
        while (ReadLine(reader, lineNumber + 1) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                throw new TraceFormatException(lineNumber, $"expected 2 fields ({Header}), found {fields.Length} in \"{Shorten(line)}\"");
            }

            var tText = fields[0].Trim();
            var t = Number(lineNumber, "t_seconds", tText);
            var rate = Number(lineNumber, "rps", fields[1].Trim());
            if (rate < 0)
            {
                throw new TraceFormatException(lineNumber, $"rps \"{fields[1].Trim()}\" is negative");
            }

            if (rps.Count == 0)
            {
                first = t;
            }
            else if (t <= previous)
            {
                throw new TraceFormatException(lineNumber, $"t_seconds \"{tText}\" does not increase (previous \"{previousText}\")");
            }
            else if (rps.Count == 1)
            {
                step = t - first;
                if (step < MinStep.TotalSeconds || step > MaxStep.TotalSeconds)
                {
                    throw new TraceFormatException(lineNumber, $"the step between rows is {Format(step)} s; it must be between {MinStep.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and {MaxStep.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (1 day)");
                }
            }
            else if (Math.Abs(t - previous - step) > StepTolerance * step)
            {
                throw new TraceFormatException(
                    lineNumber,
                    $"t_seconds \"{tText}\" after \"{previousText}\" is a step of {Format(t - previous)} s, but the trace's step is {Format(step)} s; a constant step is required");
            }

            if (rps.Count == MaxRows)
            {
                throw new TraceFormatException(lineNumber, $"a trace has at most {MaxRows.ToString(CultureInfo.InvariantCulture)} rows");
            }

            rps.Add(rate);
            previous = t;
            previousText = tText;
        }

        if (rps.Count < 2)
        {
            throw new TraceFormatException(lineNumber, $"a trace needs at least two rows to fix its step, found {rps.Count}");
        }

        if (rps.TrueForAll(r => r == 0))
        {
            throw new TraceFormatException(lineNumber, "every rps is 0: the trace has no load to simulate");
        }

        return new Trace(name, TimeSpan.FromSeconds(step), rps.ToArray());
    }

    /// <summary>Writes <paramref name="trace"/> with t_seconds from 0.</summary>
    public static void Write(Trace trace, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
        for (var i = 0; i < trace.Count; i++)
        {
            writer.Write(Format((trace.Step * i).TotalSeconds));
            writer.Write(',');
            writer.Write(Format(trace.Rps[i]));
            writer.Write('\n');
        }
    }

    private static bool IsHeader(string line)
    {
        var fields = line.TrimStart('\uFEFF').Split(',');
        return fields.Length == 2 && fields[0].Trim() == "t_seconds" && fields[1].Trim() == "rps";
    }

    private static double Number(int lineNumber, string column, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new TraceFormatException(lineNumber, $"{column} \"{text}\" is not a number");
        }

        if (!double.IsFinite(value))
        {
            throw new TraceFormatException(lineNumber, $"{column} \"{text}\" is not a finite number");
        }

        return value;
    }

    /// <summary>ReadLine with a length cap, so one endless line cannot take all memory.</summary>
    private static string? ReadLine(TextReader reader, int lineNumber)
    {
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            var c = reader.Read();
            if (c < 0) return sb.Length == 0 ? null : sb.ToString();
            if (c == '\n') return sb.ToString().TrimEnd('\r');
            if (sb.Length == MaxLineLength)
            {
                throw new TraceFormatException(lineNumber, $"the line is longer than {MaxLineLength} characters");
            }

            sb.Append((char)c);
        }
    }

    private static string Shorten(string text)
    {
        var printable = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length > 60 ? printable[..60] + "…" : printable;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
