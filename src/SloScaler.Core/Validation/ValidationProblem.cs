namespace SloScaler.Core.Validation;

/// <summary>One problem with a policy: the field path and what is wrong with its value, and the line when known.</summary>
public sealed record ValidationProblem(string Field, string Message)
{
    /// <summary>The 1-based line in the file the problem is on, when the reader knows it.</summary>
    public int? Line { get; init; }

    public override string ToString() => $"{Field}: {Message}";
}
