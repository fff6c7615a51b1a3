namespace SloScaler.Operator.Kubernetes;

/// <summary>Bounded exponential backoff with jitter: min, 2·min, 4·min… up to max, each scaled by 0.5–1.</summary>
internal sealed class Backoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private int _failures;

    public Backoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
    }

    public void Reset() => _failures = 0;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 30);
        var bound = Math.Min(_max.TotalSeconds, _min.TotalSeconds * Math.Pow(2, exponent));
        return TimeSpan.FromSeconds(bound * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
