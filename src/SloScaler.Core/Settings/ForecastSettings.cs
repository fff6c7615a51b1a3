using SloScaler.Core.Validation;

namespace SloScaler.Core.Settings;

public sealed record ForecastSettings(bool Enabled, TimeSpan ReplicaStartupTime, TimeSpan TrendWindow)
{
    public static ForecastSettings Disabled { get; } = new(false, PolicyDefaults.ReplicaStartupTime, PolicyDefaults.TrendWindow);
}
