namespace SloScaler.Operator.Hosting;

/// <summary>The exit code the host asks for: 0 unless something made it stop (leadership lost, a fatal error).</summary>
public sealed class OperatorExit
{
    private int _code;

    public int Code => Volatile.Read(ref _code);

    /// <summary>Records a failure; the first non-zero code wins.</summary>
    public void Fail(int code) => Interlocked.CompareExchange(ref _code, code, 0);
}
