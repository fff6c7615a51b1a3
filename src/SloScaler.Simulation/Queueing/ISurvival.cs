namespace SloScaler.Simulation.Queueing;

/// <summary>A response-time distribution: P(T &gt; t) and the density, t in seconds; P(T &gt; 0) = 1.</summary>
internal interface ISurvival
{
    /// <summary>P(T &gt; t); <paramref name="density"/> receives −d/dt P(T &gt; t).</summary>
    double Evaluate(double seconds, out double density);
}
