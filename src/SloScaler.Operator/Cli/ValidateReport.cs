using System.Text.Json;
using SloScaler.Core.Policy;

namespace SloScaler.Operator.Cli;

/// <summary>One problem line: <c>FILE[:doc N][:LINE]: field: message</c>.</summary>
internal sealed record Finding(string File, int? Document, int? Line, string Field, string Message)
{
    public override string ToString() =>
        Printable($"{File}{(Document is { } d ? $":doc {d}" : "")}{(Line is { } l ? $":{l}" : "")}: {Field}: {Message}");

    /// <summary>Control characters from hostile input shown as <c>\uXXXX</c>, so a line stays one line and cannot drive the terminal.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var sb = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text) sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        return sb.ToString();
    }
}

internal sealed record SkippedDocument(string File, int? Document, int Line, string ApiVersion, string Kind, string? Name);

/// <summary>Everything one <c>validate</c> run found, with its summary line, JSON form and exit code.</summary>
internal sealed class ValidateReport
{
    public List<Finding> Findings { get; } = [];

    public List<SkippedDocument> Skipped { get; } = [];

    public int Files { get; set; }

    public int Policies { get; set; }

    public int ValidPolicies { get; set; }

    private bool _usage;

    public void Add(Finding finding, bool usage)
    {
        Findings.Add(finding);
        _usage |= usage;
    }

    public int ExitCode => _usage ? 2 : Findings.Count > 0 ? 1 : 0;

    public string Summary()
    {
        var skipped = Skipped.Count == 0 ? "" : $"; {Units.Count(Skipped.Count, "document")} of other kinds skipped";
        if (Findings.Count == 0)
        {
            return Policies == 0
                ? $"no {nameof(ScalingPolicy)} found in {Units.Count(Files, "file")}{skipped}"
                : $"{Units.Count(Policies, "policy", "policies")} valid{skipped}";
        }
        var policies = Policies == 0 ? "no policy read" : $"{ValidPolicies} of {Units.Count(Policies, "policy", "policies")} valid";
        return $"{Units.Count(Findings.Count, "problem")}; {policies}{skipped}";
    }

    public void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", ExitCode == 0);
            json.WriteNumber("exitCode", ExitCode);
            json.WriteNumber("files", Files);
            json.WriteNumber("policies", Policies);
            json.WriteNumber("validPolicies", ValidPolicies);
            json.WriteStartArray("problems");
            foreach (var f in Findings)
            {
                json.WriteStartObject();
                json.WriteString("file", f.File);
                if (f.Document is { } d) json.WriteNumber("document", d);
                if (f.Line is { } l) json.WriteNumber("line", l);
                json.WriteString("field", f.Field);
                json.WriteString("message", f.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("skipped");
            foreach (var s in Skipped)
            {
                json.WriteStartObject();
                json.WriteString("file", s.File);
                if (s.Document is { } d) json.WriteNumber("document", d);
                json.WriteNumber("line", s.Line);
                json.WriteString("apiVersion", s.ApiVersion);
                json.WriteString("kind", s.Kind);
                if (s.Name is not null) json.WriteString("name", s.Name);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
