using System.Text.Json;
using SloScaler.Core.Policy;

namespace SloScaler.Core.Tests.Policy;

public sealed class DurationTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("5m", 300_000)]
    [InlineData("250ms", 250)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("300s", 300_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("2m30s", 150_000)]
    [InlineData("500us", 0.5)]
    public void TryParse_KubernetesDuration_GivesValue(string text, double milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("15x")]
    [InlineData("s")]
    [InlineData("1h 30m")]
    [InlineData("abc")]
    [InlineData("1..5s")]
    public void TryParse_NotADuration_Fails(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(15_000, "15s")]
    [InlineData(300_000, "5m")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(1_500, "1.5s")]
    [InlineData(0, "0s")]
    public void Format_TimeSpan_WritesKubernetesStyle(double milliseconds, string expected) =>
        Assert.Equal(expected, Duration.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Json_BadDuration_IsKeptForValidationInsteadOfThrowing()
    {
        var spec = JsonSerializer.Deserialize<SloSpec>("""{"objective":"15x"}""", PolicyJson.Options)!;
        Assert.Equal("15x", spec.Objective!.Value.Text);
        Assert.Null(spec.Objective.Value.Value);
    }

    [Fact]
    public void Json_Duration_RoundTripsAsString()
    {
        var json = JsonSerializer.Serialize(new SloSpec { Objective = new Duration("250ms") }, PolicyJson.Options);
        Assert.Equal("""{"objective":"250ms"}""", json);
    }
}
