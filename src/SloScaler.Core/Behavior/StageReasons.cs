namespace SloScaler.Core.Behavior;

/// <summary>
/// The closed vocabulary of behavior-stage reasons. The values are HPA's condition reasons, so a
/// user who knows <c>kubectl describe hpa</c> reads them the same way.
/// </summary>
public static class StageReasons
{
    /// <summary>The stage let the desired count through unchanged.</summary>
    public const string DesiredWithinRange = "DesiredWithinRange";
    /// <summary>A lower recommendation inside the scale-up window held the count down.</summary>
    public const string ScaleUpStabilized = "ScaleUpStabilized";
    /// <summary>A higher recommendation inside the scale-down window held the count up.</summary>
    public const string ScaleDownStabilized = "ScaleDownStabilized";
    /// <summary>The scale-up rate policies allowed fewer replicas than desired.</summary>
    public const string ScaleUpLimit = "ScaleUpLimit";
    /// <summary>The scale-down rate policies allowed fewer replicas to go than desired.</summary>
    public const string ScaleDownLimit = "ScaleDownLimit";
    /// <summary>The desired count was above maxReplicas.</summary>
    public const string TooManyReplicas = "TooManyReplicas";
    /// <summary>The desired count was below minReplicas.</summary>
    public const string TooFewReplicas = "TooFewReplicas";
    /// <summary>
    /// Scaling in the desired direction is off: <c>selectPolicy: Disabled</c> (where HPA reports
    /// ScaleUpLimit / ScaleDownLimit with the same replicas), or the target was scaled to zero.
    /// </summary>
    public const string ScalingDisabled = "ScalingDisabled";
}
