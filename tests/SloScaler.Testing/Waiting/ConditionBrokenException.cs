namespace SloScaler.Testing.Waiting;

/// <summary>Something a test watched stopped holding (see <see cref="Eventually.HoldsAsync"/>).</summary>
public sealed class ConditionBrokenException : Exception
{
    public ConditionBrokenException()
    {
    }

    public ConditionBrokenException(string message)
        : base(message)
    {
    }

    public ConditionBrokenException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
