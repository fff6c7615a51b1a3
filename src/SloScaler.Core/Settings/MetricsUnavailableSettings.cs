using SloScaler.Core.Validation;

namespace SloScaler.Core.Settings;

public sealed record MetricsUnavailableSettings(MetricsUnavailableAction Action, int? FallbackReplicas, int AfterFailures)
{
    public static MetricsUnavailableSettings Default { get; } = new(MetricsUnavailableAction.Hold, null, PolicyDefaults.AfterFailures);
}
