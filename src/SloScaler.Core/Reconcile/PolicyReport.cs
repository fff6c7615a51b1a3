using SloScaler.Core.Decisions;
using SloScaler.Core.Policy;
using SloScaler.Core.Validation;

namespace SloScaler.Core.Reconcile;

/// <summary>An event to record for a policy (Kubernetes Event semantics: Normal or Warning).</summary>
public sealed record PolicyEvent(string Type, string Reason, string Note)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}

/// <summary>What one reconcile produced for the status sink.</summary>
/// <param name="Material">True when the status changed in a way worth a write (see <see cref="StatusBuilder.IsMaterial"/>).</param>
public sealed record PolicyReport(
    PolicyKey Key,
    ScalingPolicyStatus Status,
    IReadOnlyList<PolicyEvent> Events,
    bool Material,
    Decision? Decision,
    IReadOnlyList<ValidationProblem> Problems,
    bool DryRun);
