using SloScaler.Operator.Cli;

namespace SloScaler.Operator.Tests.Cli;

public sealed class UnitsTests
{
    [Theory]
    [InlineData(0, "0 policies")]
    [InlineData(1, "1 policy")]
    [InlineData(2, "2 policies")]
    public void Count_PluralOnlyWhenNotOne(long count, string expected) => Assert.Equal(expected, Units.Count(count, "policy", "policies"));

    [Theory]
    [InlineData(0.25, "250 ms")]
    [InlineData(16.58, "16.6 s")]
    [InlineData(86_400, "1d")]
    [InlineData(16_578.6127, "4h 36m")] // 16578612.7ms, as the issue saw it printed
    [InlineData(90_061, "1d 1h")]
    [InlineData(59.99, "1m")]
    public void Duration_ForPeople(double seconds, string expected) => Assert.Equal(expected, Units.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(512, "512 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(4 * 1024 * 1024, "4 MiB")]
    [InlineData(1536, "1.5 KiB")]
    public void Bytes_ForPeople(long bytes, string expected) => Assert.Equal(expected, Units.Bytes(bytes));
}
