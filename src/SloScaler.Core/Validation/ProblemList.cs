using System.Globalization;
using SloScaler.Core.Policy;

namespace SloScaler.Core.Validation;

/// <summary>Collects problems while the validator walks a spec; helpers parse and range-check common field kinds.</summary>
internal sealed class ProblemList
{
    private readonly List<ValidationProblem> _problems = [];

    public IReadOnlyList<ValidationProblem> Items => _problems;

    public int Count => _problems.Count;

    public void Add(string field, string message) => _problems.Add(new ValidationProblem(field, message));

    public static string Quote(string? text) => text is null ? "null" : $"\"{text}\"";

    public string? RequireText(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        Add(field, value is null ? "is required" : $"{Quote(value)} must not be empty");
        return null;
    }

    /// <summary>Checks a PromQL query's syntax offline; returns it when valid, reports it and returns null otherwise.</summary>
    public string? PromQl(string field, string? query)
    {
        if (query is null) return null;
        if (PromQlSyntax.Check(query) is not { } problem) return query;
        Add(field, $"is not valid PromQL: {problem}");
        return null;
    }

    /// <summary>Parses an optional duration; reports a bad one or one outside [min, max] and returns the default then.</summary>
    public TimeSpan Duration(string field, Duration? value, TimeSpan fallback, TimeSpan min, TimeSpan max, bool minExclusive = false)
    {
        if (value is null) return fallback;
        var parsed = value.Value.Value;
        if (parsed is null)
        {
            Add(field, $"{Quote(value.Value.Text)} is not a valid duration (use e.g. 250ms, 15s, 5m, 1h30m)");
            return fallback;
        }
        var d = parsed.Value;
        if (minExclusive ? d <= min : d < min)
        {
            Add(field, $"{Quote(value.Value.Text)} must be {(minExclusive ? "greater than" : "at least")} {Policy.Duration.Format(min)}");
            return fallback;
        }
        if (d > max)
        {
            Add(field, $"{Quote(value.Value.Text)} must be at most {Policy.Duration.Format(max)}");
            return fallback;
        }
        return d;
    }

    public TEnum? Enum<TEnum>(string field, string? value, TEnum fallback) where TEnum : struct, System.Enum
    {
        if (value is null) return fallback;
        foreach (var name in System.Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, value, StringComparison.Ordinal)) return System.Enum.Parse<TEnum>(name);
        }
        Add(field, $"{Quote(value)} is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return null;
    }

    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
