namespace SloScaler.Core.Settings;

public enum MetricsUnavailableAction { Hold, Fallback }
