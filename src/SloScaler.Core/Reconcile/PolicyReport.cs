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
/// <param name="Key">The policy.</param>
/// <param name="Status">The status to hold.</param>
/// <param name="Events">The Events to record.</param>
/// <param name="Decision">The decision, when the policy was valid and measured.</param>
/// <param name="Problems">What is wrong with the spec; empty when it is valid.</param>
/// <param name="DryRun">True when replicas were decided but not written.</param>
/// <param name="Material">True when the status changed in a way worth a write (see <see cref="StatusBuilder.IsMaterial"/>).</param>
public sealed record PolicyReport(
    PolicyKey Key,
    ScalingPolicyStatus Status,
    IReadOnlyList<PolicyEvent> Events,
    bool Material,
    Decision? Decision,
    IReadOnlyList<ValidationProblem> Problems,
    bool DryRun);
