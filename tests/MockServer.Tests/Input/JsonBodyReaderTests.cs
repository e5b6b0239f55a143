using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Input;

namespace MockServer.Tests.Input;

public class JsonBodyReaderTests
{
    private static ParsedBody Read(string json)
    {
        JsonBodyReader.TryRead(TestModel.Default, Encoding.UTF8.GetBytes(json), out var parsed, out var error).ShouldBeTrue(error?.Text);
        return parsed;
    }

    private static InputError Fails(string json)
    {
        JsonBodyReader.TryRead(TestModel.Default, Encoding.UTF8.GetBytes(json), out _, out var error).ShouldBeFalse();
        return error!;
    }

    [Fact]
    public void Reads_every_field_and_records_presence()
    {
        var parsed = Read("""{"name":"n","enabled":false,"configuration":{"pinAttempts":3,"pinTimeToLive":"5m"}}""");
        parsed.TextOf("name").ShouldBe("n");
        parsed.NumberOf("enabled").ShouldBe(0);
        parsed.NumberOf("configuration.pinAttempts").ShouldBe(3);
        parsed.TextOf("configuration.pinTimeToLive").ShouldBe("5m");
        parsed.PresentPaths().ShouldBe(["name", "enabled", "configuration", "configuration.pinAttempts", "configuration.pinTimeToLive"]);
        parsed.Violations.ShouldBeEmpty();
    }

    [Fact]
    public void Null_counts_as_omitted_and_unknown_properties_are_ignored()
    {
        var parsed = Read("""{"name":null,"enabled":null,"extra":{"deep":[1,2,{"x":null}]},"configuration":{"pinAttempts":null}}""");
        parsed.PresentPaths().ShouldBe(["configuration"]);
    }

    [Theory]
    [InlineData("""{"name":5}""", "name : must be a string")]
    [InlineData("""{"name":"n","enabled":"yes"}""", "enabled : must be a boolean")]
    [InlineData("""{"name":"n","configuration":[]}""", "configuration : must be an object")]
    [InlineData("""{"name":"n","configuration":{"pinAttempts":"10"}}""", "configuration.pinAttempts : must be a 32-bit integer")]
    [InlineData("""{"name":"n","configuration":{"pinAttempts":1.5}}""", "configuration.pinAttempts : must be a 32-bit integer")]
    [InlineData("""{"name":"n","configuration":{"pinAttempts":3000000000}}""", "configuration.pinAttempts : must be a 32-bit integer")]
    [InlineData("""{"name":"n","configuration":{"pinTimeToLive":15}}""", "configuration.pinTimeToLive : must be a string")]
    [InlineData("""{"name":"n","configuration":{"allowMultiplePinVerifications":1}}""", "configuration.allowMultiplePinVerifications : must be a boolean")]
    public void Wrong_types_are_field_violations_with_the_path(string json, string violation) =>
        Read(json).Violations.Select(v => v.ToString()).ShouldBe([violation]);

    [Theory]
    [InlineData("""{"name":"x" """)]          // truncated
    [InlineData("""{"name":"x",}""")]         // trailing comma
    [InlineData("""{"name":"x"} trailing""")] // content after the object
    [InlineData("""[{"name":"x"}]""")]        // not an object
    [InlineData("\"just a string\"")]
    [InlineData("{'name':'x'}")]
    public void Malformed_JSON_is_an_input_error(string json)
    {
        var error = Fails(json);
        error.Status.ShouldBe(400);
        error.MessageId.ShouldBe("BAD_REQUEST");
    }

    [Fact]
    public void Deep_nesting_is_refused_quickly()
    {
        var json = "{\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Fails(json).Status.ShouldBe(400);
    }

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        byte[] body = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        JsonBodyReader.TryRead(TestModel.Default, body, out _, out var error).ShouldBeFalse();
        error!.Status.ShouldBe(400);
    }

    [Theory]
    [InlineData("{\"name\":\"\\uD800\"}")]            // a lone high surrogate
    [InlineData("{\"name\":\"a\\uDC00b\"}")]          // a lone low surrogate
    [InlineData("{\"name\":\"\\uD800\\u0041\"}")]     // a high surrogate not followed by a low one
    [InlineData("{\"name\":\"n\",\"configuration\":{\"pinTimeToLive\":\"\\uDFFF\"}}")]
    [InlineData("{\"na\\uD800me\":\"n\"}")]                                 // in a property name
    [InlineData("{\"name\":\"n\",\"configuration\":{\"pin\\uDC00Attempts\":1}}")]  // in a configuration property name
    public void A_string_that_cannot_be_decoded_is_an_input_error(string json)
    {
        var error = Fails(json);
        error.Status.ShouldBe(400);
        error.Text.ShouldContain("not valid");
    }

    [Fact]
    public void Invalid_UTF8_in_an_ignored_property_is_refused()
    {
        byte[] body = [.. "{\"name\":\"a\",\"x\":\""u8, 0xFF, .. "\"}"u8];
        JsonBodyReader.TryRead(TestModel.Default, body, out _, out var error).ShouldBeFalse();
        error!.Status.ShouldBe(400);
        error.Text.ShouldContain("UTF-8");
    }

    [Fact]
    public void An_empty_body_is_missing() => Fails("").ShouldBe(InputError.MissingBody);
}
