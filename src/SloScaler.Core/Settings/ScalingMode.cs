namespace SloScaler.Core.Settings;

public enum ScalingMode { Elastic, Manual }
