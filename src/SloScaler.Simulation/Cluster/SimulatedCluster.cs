namespace SloScaler.Simulation.Cluster;

/// <summary>
/// Replicas of the target: each becomes ready a start-up time after it is requested and stops
/// serving at once when removed (not-yet-ready ones are removed first).
/// </summary>
public sealed class SimulatedCluster(TimeSpan startupTime)
{
    private readonly List<TimeSpan> _readyAt = [];

    public int Requested => _readyAt.Count;

    /// <summary>Starts with <paramref name="replicas"/> already serving.</summary>
    public void Seed(int replicas)
    {
        _readyAt.Clear();
        for (var i = 0; i < replicas; i++) _readyAt.Add(TimeSpan.MinValue);
    }

    public void Request(int replicas, TimeSpan now)
    {
        while (_readyAt.Count < replicas) _readyAt.Add(now + startupTime);
        if (_readyAt.Count > replicas)
        {
            _readyAt.Sort();
            _readyAt.RemoveRange(replicas, _readyAt.Count - replicas);
        }
    }

    public int ServingAt(TimeSpan now)
    {
        var serving = 0;
        foreach (var t in _readyAt)
        {
            if (t <= now) serving++;
        }
        return serving;
    }
}
