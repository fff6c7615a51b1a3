using System.Text.Json;
using SloScaler.Core.Decisions;
using SloScaler.Core.Policy;
using static SloScaler.Core.Tests.Support.SomePolicy;

namespace SloScaler.Core.Tests.Decisions;

public sealed class EngineStateJsonTests
{
    [Fact]
    public void EngineState_RoundTripsThroughStatusJson_AndDecidesTheSame()
    {
        var policy = Support.SomePolicy.Settings();
        var state = EngineState.Empty;
        var replicas = 10;
        foreach (var (rps, i) in new[] { 1200.0, 2400, 2400, 600, 600 }.Select((v, i) => (v, i)))
        {
            var (d, s) = DecisionEngine.Decide(policy, Observe(rps, 0.1, replicas), state, T0 + TimeSpan.FromSeconds(15 * i));
            state = s;
            replicas = d.DesiredReplicas;
        }
        var json = JsonSerializer.Serialize(new ScalingPolicyStatus { EngineState = state }, PolicyJson.Options);
        var restored = JsonSerializer.Deserialize<ScalingPolicyStatus>(json, PolicyJson.Options)!.EngineState!;
        Assert.Equal(JsonSerializer.Serialize(state, PolicyJson.Options), JsonSerializer.Serialize(restored, PolicyJson.Options));

        // A restarted operator (state from status) decides exactly as the one that kept running.
        var next = T0 + TimeSpan.FromSeconds(90);
        var (kept, _) = DecisionEngine.Decide(policy, Observe(300, 0.1, replicas), state, next);
        var (afterRestart, _) = DecisionEngine.Decide(policy, Observe(300, 0.1, replicas), restored, next);
        Assert.Equal(kept.DesiredReplicas, afterRestart.DesiredReplicas);
        Assert.Equal(kept.Reason, afterRestart.Reason);
        Assert.Equal(20, kept.DesiredReplicas); // still inside the 300 s scale-down window
    }
}
