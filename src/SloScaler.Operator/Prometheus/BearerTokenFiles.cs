using System.Collections.Concurrent;

namespace SloScaler.Operator.Prometheus;

/// <summary>
/// Reads bearer tokens from files and re-reads a file when its modification time or size changes,
/// so a rotated token (e.g. a projected service-account token) is picked up without a restart.
/// </summary>
internal sealed class BearerTokenFiles
{
    private readonly ConcurrentDictionary<string, CachedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>The trimmed token, or null with an error message.</summary>
    public string? Read(string path, out string? error)
    {
        error = null;
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                error = $"the bearer token file '{path}' does not exist";
                return null;
            }

            var stamp = (file.LastWriteTimeUtc, file.Length);
            if (_tokens.TryGetValue(path, out var cached) && cached.Stamp == stamp)
                return cached.Token;

            var token = File.ReadAllText(path).Trim();
            if (token.Length == 0)
            {
                error = $"the bearer token file '{path}' is empty";
                return null;
            }

            _tokens[path] = new CachedToken(stamp, token);
            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            error = $"cannot read the bearer token file '{path}': {ex.Message}";
            return null;
        }
    }

    private sealed record CachedToken((DateTime Modified, long Length) Stamp, string Token);
}
