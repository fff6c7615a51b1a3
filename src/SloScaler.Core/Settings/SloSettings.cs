namespace SloScaler.Core.Settings;

public sealed record SloSettings(string LatencyQuery, TimeSpan Objective, TimeSpan Window);
