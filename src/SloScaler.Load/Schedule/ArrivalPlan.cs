namespace SloScaler.Load.Schedule;

/// <summary>
/// The intended send times of one open-loop run, as offsets from its start, ascending.
/// <see cref="Truncated"/> says a bound (request count or duration) cut the trace short.
/// </summary>
public sealed record ArrivalPlan(IReadOnlyList<TimeSpan> Offsets, TimeSpan Duration, bool Truncated)
{
    public int Count => Offsets.Count;
}
