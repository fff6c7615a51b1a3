namespace SloScaler.Core.Policy;

/// <summary>
/// Field paths as problems name them: <c>spec.loadParameters[0].query</c>; a key that is not a plain
/// name (empty, blank, with a dot, a quote or a control character) is written <c>spec["a.b"]</c>, so
/// a path is never blank and always says which key is meant.
/// </summary>
internal static class FieldPath
{
    public static string Child(string parent, string key)
    {
        if (IsPlain(key)) return parent.Length == 0 ? key : $"{parent}.{key}";
        var shown = key.Length > 60 ? key[..60] + "…" : key;
        return $"{parent}[\"{shown.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"]";
    }

    public static string Item(string parent, int index) => $"{parent}[{index}]";

    private static bool IsPlain(string key) =>
        key.Length is > 0 and <= 100 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/' or '$');
}
