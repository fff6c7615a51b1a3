using System.Text.RegularExpressions;

namespace SloScaler.Core.Validation;

/// <summary>
/// Kubernetes' name rules as the API server applies them (apimachinery's <c>IsDNS1123Subdomain</c>,
/// <c>IsDNS1123Label</c>, <c>IsQualifiedName</c> and label values), each returning a message or null.
/// </summary>
public static partial class ObjectNames
{
    /// <summary>An object name such as a ScalingPolicy's or a Deployment's.</summary>
    public static string? CheckSubdomain(string name)
    {
        if (name.Length > 253) return $"is {name.Length} characters long; an object name has at most 253";
        return Subdomain().IsMatch(name) ? null
            : $"{ProblemList.Quote(Shorten(name))} is not a valid name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. checkout-api)";
    }

    /// <summary>A namespace name.</summary>
    public static string? CheckLabel(string name)
    {
        if (name.Length > 63) return $"is {name.Length} characters long; a namespace name has at most 63";
        return Label().IsMatch(name) ? null
            : $"{ProblemList.Quote(Shorten(name))} is not a valid namespace name: lowercase letters, digits and '-', starting and ending with a letter or digit";
    }

    /// <summary>A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? CheckLabelKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && (slash == 0 || slash > 253 || !Subdomain().IsMatch(key[..slash])))
            return $"{ProblemList.Quote(Shorten(key))} has an invalid prefix: it must be a DNS subdomain such as example.com";
        return name.Length is > 0 and <= 63 && Qualified().IsMatch(name) ? null
            : $"{ProblemList.Quote(Shorten(key))} is not a valid label key: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
    }

    /// <summary>A label value: empty, or at most 63 characters of the qualified-name alphabet.</summary>
    public static string? CheckLabelValue(string value) =>
        value.Length == 0 || (value.Length <= 63 && Qualified().IsMatch(value)) ? null
            : $"{ProblemList.Quote(Shorten(value))} is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.None, 1000)]
    private static partial Regex Subdomain();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.None, 1000)]
    private static partial Regex Label();

    [GeneratedRegex(@"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$", RegexOptions.None, 1000)]
    private static partial Regex Qualified();
}
