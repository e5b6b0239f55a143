using TwoFactorContracts.MockServer.Core;

namespace MockServer.Tests.Validation;

public class DurationTests
{
    [Theory]
    [InlineData("15m", "15m")]
    [InlineData("120m", "2h")]
    [InlineData("60s", "1m")]
    [InlineData("1000ms", "1s")]
    [InlineData("24h", "1d")]
    [InlineData("90s", "90s")]
    [InlineData("1500ms", "1500ms")]
    [InlineData("48h", "2d")]
    [InlineData("365d", "365d")]
    public void Normalises_to_the_largest_whole_unit(string text, string normal)
    {
        Duration.TryParse(text, out var ms).ShouldBeTrue();
        Duration.Format(ms).ShouldBe(normal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("15")]
    [InlineData("15 minutes")]
    [InlineData("0m")]
    [InlineData("015m")]
    [InlineData("-5m")]
    [InlineData("5M")]
    [InlineData("5w")]
    [InlineData("1.5h")]
    [InlineData(" 5m")]
    public void Refuses_what_is_not_the_time_format(string text) => Duration.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Huge_lengths_saturate_instead_of_overflowing()
    {
        Duration.TryParse("99999999999999999999999d", out var ms).ShouldBeTrue();
        ms.ShouldBe(long.MaxValue);
    }

    [Theory]
    [InlineData("10000/1d", 10000, "10000/1d")]
    [InlineData("1/3s", 1, "1/3s")]
    [InlineData("5/60m", 5, "5/1h")]
    public void Limits_normalise_their_interval(string text, long attempts, string normal)
    {
        Limit.TryParse(text, out var a, out var interval).ShouldBeTrue();
        a.ShouldBe(attempts);
        Limit.Format(a, interval).ShouldBe(normal);
    }

    [Theory]
    [InlineData("1d")]
    [InlineData("10000/1")]
    [InlineData("0/1d")]
    [InlineData("1/0d")]
    [InlineData("/1d")]
    [InlineData("a/1d")]
    [InlineData("1//1d")]
    public void Refuses_what_is_not_the_limit_format(string text) => Limit.TryParse(text, out _, out _).ShouldBeFalse();
}
