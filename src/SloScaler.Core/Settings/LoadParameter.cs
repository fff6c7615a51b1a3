namespace SloScaler.Core.Settings;

public sealed record LoadParameter(string Name, string Query, double TargetPerReplica);
