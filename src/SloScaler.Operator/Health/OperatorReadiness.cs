using SloScaler.Operator.Leadership;

namespace SloScaler.Operator.Health;

/// <summary>
/// What <c>/readyz</c> answers: ready when the policy cache is synced; with leader election, a
/// replica standing by is ready too once it has reached the Lease (so a rollout can proceed while
/// another replica leads).
/// </summary>
public sealed class OperatorReadiness
{
    private volatile bool _leading;
    private volatile bool _standbyHealthy;
    private volatile Func<bool>? _synced;

    public bool LeaderElection { get; init; }

    public bool Leading
    {
        get => _leading;
        set => _leading = value;
    }

    /// <summary>The leader elector has read the Lease (it knows who leads).</summary>
    public bool StandbyHealthy
    {
        get => _standbyHealthy;
        set => _standbyHealthy = value;
    }

    /// <summary>Set when the controller starts; reads whether its cache holds the first list.</summary>
    public void WatchSyncedBy(Func<bool> synced) => _synced = synced;

    public (bool Ready, string Reason) Check()
    {
        var synced = _synced?.Invoke() ?? false;
        if (!LeaderElection) return synced ? (true, "ok") : (false, "the policy watch has not synced yet");
        if (_leading) return synced ? (true, "ok: leading") : (false, "leading; the policy watch has not synced yet");
        return _standbyHealthy ? (true, "ok: standing by") : (false, "the Lease has not been reached yet");
    }
}
