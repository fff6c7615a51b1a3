namespace SloScaler.Core.Policy;

/// <summary>
/// Hard caps that keep reading untrusted YAML bounded in time and memory: a file anyone can put in a
/// pull request must not be able to make <c>validate</c> grow without end (alias bombs) or overflow the
/// stack (deep nesting).
/// </summary>
public sealed record YamlLimits
{
    public static YamlLimits Default { get; } = new();

    /// <summary>The largest input read, in bytes; the API server refuses objects much smaller than this.</summary>
    public int MaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The deepest nesting of mappings and sequences in one document.</summary>
    public int MaxDepth { get; init; } = 48;

    /// <summary>The most nodes that aliases (<c>*name</c>) may copy in one document.</summary>
    public int MaxAliasNodes { get; init; } = 10_000;
}
