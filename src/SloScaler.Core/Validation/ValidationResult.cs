using SloScaler.Core.Settings;

namespace SloScaler.Core.Validation;

/// <summary>Every problem found, or the resolved settings when there is none.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems, PolicySettings? Settings)
{
    public bool IsValid => Problems.Count == 0 && Settings is not null;

    /// <summary>All problems on one line, for a condition message.</summary>
    public string Summary => string.Join("; ", Problems);
}
