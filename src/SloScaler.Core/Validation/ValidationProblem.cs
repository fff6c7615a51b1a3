namespace SloScaler.Core.Validation;

/// <summary>One problem with a policy: the field path and what is wrong with its value.</summary>
public sealed record ValidationProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
