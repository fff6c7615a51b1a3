using System.Text.Json;
using SloScaler.Core.Policy;

namespace SloScaler.Core.Tests.Policy;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("120", 120)]
    [InlineData("1.5k", 1500)]
    [InlineData("500m", 0.5)]
    [InlineData("2Ki", 2048)]
    [InlineData("1e3", 1000)]
    [InlineData("0.25", 0.25)]
    [InlineData("3M", 3_000_000)]
    public void TryParse_KubernetesQuantity_GivesValue(string text, double expected)
    {
        Assert.True(Quantity.TryParse(text, out var value));
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("12 rps")]
    [InlineData("k")]
    public void TryParse_NotAQuantity_Fails(string text) => Assert.False(Quantity.TryParse(text, out _));

    [Theory]
    [InlineData("""{"targetPerReplica":120}""", 120)]
    [InlineData("""{"targetPerReplica":"1.2k"}""", 1200)]
    [InlineData("""{"targetPerReplica":"500m"}""", 0.5)]
    public void Json_NumberOrString_Reads(string json, double expected)
    {
        var spec = JsonSerializer.Deserialize<LoadParameterSpec>(json, PolicyJson.Options)!;
        Assert.Equal(expected, spec.TargetPerReplica!.Value.Value!.Value, 9);
    }

    [Fact]
    public void Json_PlainNumber_IsWrittenAsNumber() =>
        Assert.Equal("""{"targetPerReplica":120}""", JsonSerializer.Serialize(new LoadParameterSpec { TargetPerReplica = new Quantity("120") }, PolicyJson.Options));

    [Theory]
    [InlineData("""{"targetPerReplica":1.5}""", true)]
    [InlineData("""{"targetPerReplica":2.5e-1}""", true)]
    [InlineData("""{"targetPerReplica":1e3}""", false)]
    [InlineData("""{"targetPerReplica":2.0}""", false)]
    [InlineData("""{"targetPerReplica":"1.5"}""", false)]
    [InlineData("""{"targetPerReplica":120}""", false)]
    public void Json_NumberWhoseValueIsNotWhole_IsMarked(string json, bool fractional) =>
        Assert.Equal(fractional, JsonSerializer.Deserialize<LoadParameterSpec>(json, PolicyJson.Options)!.TargetPerReplica!.Value.FractionalNumber);

    [Theory]
    [InlineData("1.5", """{"targetPerReplica":"1.5"}""")]
    [InlineData("500m", """{"targetPerReplica":"500m"}""")]
    [InlineData("-3", """{"targetPerReplica":-3}""")]
    public void Json_AnythingButAnInteger_IsWrittenAsString(string text, string json) =>
        Assert.Equal(json, JsonSerializer.Serialize(new LoadParameterSpec { TargetPerReplica = new Quantity(text) }, PolicyJson.Options));
}
