using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Validation;

namespace MockServer.Tests.Validation;

public class BodyValidatorTests
{
    private static string? Validate(string json)
    {
        JsonBodyReader.TryRead(TestModel.Default, Encoding.UTF8.GetBytes(json), out var parsed, out var inputError).ShouldBeTrue(inputError?.Text);
        return BodyValidator.TryValidate(parsed, out var error) ? null : error!.Text;
    }

    [Fact]
    public void Missing_name() => Validate("""{"enabled":true}""").ShouldBe(Texts.MissingName);

    [Theory]
    [InlineData("15 minutes")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("")]
    public void Bad_time(string value) =>
        Validate($$$"""{"name":"n","configuration":{"pinTimeToLive":"{{{value}}}"}}""")
            .ShouldBe($"[configuration.pinTimeToLive : {Texts.TimeFormat}]");

    [Theory]
    [InlineData("verifyPinLimit")]
    [InlineData("sendPinPerApplicationLimit")]
    [InlineData("sendPinPerPhoneNumberLimit")]
    public void Bad_limit_names_its_field(string field) =>
        Validate($$$"""{"name":"n","configuration":{"{{{field}}}":"10000/1"}}""")
            .ShouldBe($"[configuration.{field} : {Texts.LimitFormat}]");

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void PinAttempts_must_be_positive(int attempts) =>
        Validate($$$"""{"name":"n","configuration":{"pinAttempts":{{{attempts}}}}}""")
            .ShouldBe("[configuration.pinAttempts : must be greater than or equal to 1]");

    [Theory]
    [InlineData("pinTimeToLive", "366d", "must not exceed one year (365d)")]
    [InlineData("pinTimeToLive", "8761h", "must not exceed one year (365d)")]
    [InlineData("sendPinPerApplicationLimit", "10/366d", "time interval must not exceed one year (365d)")]
    [InlineData("sendPinPerPhoneNumberLimit", "10/9999999999999999999999d", "time interval must not exceed one year (365d)")]
    [InlineData("verifyPinLimit", "1/25h", "time interval must not exceed one day (1d)")]
    [InlineData("verifyPinLimit", "99999999999/1s", "attempts must not exceed 2147483647")]
    public void Bounds(string field, string value, string message) =>
        Validate($$$"""{"name":"n","configuration":{"{{{field}}}":"{{{value}}}"}}""")
            .ShouldBe($"[configuration.{field} : {message}]");

    [Theory]
    [InlineData("pinTimeToLive", "365d")]
    [InlineData("verifyPinLimit", "1/1d")]
    [InlineData("verifyPinLimit", "1/86400000ms")]
    [InlineData("sendPinPerApplicationLimit", "1/365d")]
    public void At_the_bounds_is_valid(string field, string value) =>
        Validate($$$"""{"name":"n","configuration":{"{{{field}}}":"{{{value}}}"}}""").ShouldBeNull();

    [Fact]
    public void Every_violation_is_reported_in_field_order()
    {
        var text = Validate("""
            {"configuration":{"sendPinPerPhoneNumberLimit":"1d","pinTimeToLive":"forever","pinAttempts":0,"verifyPinLimit":"1/2d"}}
            """);
        text.ShouldBe("[name : may not be null, " +
                      "configuration.pinAttempts : must be greater than or equal to 1, " +
                      $"configuration.pinTimeToLive : {Texts.TimeFormat}, " +
                      "configuration.verifyPinLimit : time interval must not exceed one day (1d), " +
                      $"configuration.sendPinPerPhoneNumberLimit : {Texts.LimitFormat}]");
    }

    [Fact]
    public void Type_violations_join_rule_violations()
    {
        Validate("""{"enabled":"yes","configuration":{"pinTimeToLive":"x"}}""")
            .ShouldBe($"[name : may not be null, enabled : must be a boolean, configuration.pinTimeToLive : {Texts.TimeFormat}]");
    }

    [Fact]
    public void A_valid_request_is_normalised_in_place()
    {
        JsonBodyReader.TryRead(TestModel.Default, """{"name":"n","configuration":{"pinTimeToLive":"120m","verifyPinLimit":"3/60s"}}"""u8, out var parsed, out _);
        BodyValidator.TryValidate(parsed, out _).ShouldBeTrue();
        parsed.NumberOf("configuration.pinTimeToLive").ShouldBe(Duration.Hour * 2);
        parsed.NumberOf("configuration.verifyPinLimit").ShouldBe(3);
        parsed.ValueOf("configuration.verifyPinLimit").Interval.ShouldBe(Duration.Minute);
    }
}
