namespace SloScaler.Simulation.Traces;

/// <summary>A trace CSV is malformed; the message starts with "line N:" and names the bad value.</summary>
public sealed class TraceFormatException : FormatException
{
    public TraceFormatException(int lineNumber, string problem)
        : base($"line {lineNumber}: {problem}")
    {
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The 1-based line the problem was found on.</summary>
    public int LineNumber { get; }

    /// <summary>The message without the line prefix.</summary>
    public string Problem { get; }
}
