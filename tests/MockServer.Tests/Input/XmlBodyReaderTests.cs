using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Input;

namespace MockServer.Tests.Input;

public class XmlBodyReaderTests
{
    private static readonly XmlBodyReader Reader = new(TestModel.Default, ["request", "ApplicationRequest"]);

    private static ParsedBody Read(string xml)
    {
        Reader.TryRead(Encoding.UTF8.GetBytes(xml), out var parsed, out var error).ShouldBeTrue(error?.Text);
        return parsed;
    }

    private static InputError Fails(string xml)
    {
        Reader.TryRead(Encoding.UTF8.GetBytes(xml), out _, out var error).ShouldBeFalse();
        return error!;
    }

    [Theory]
    [InlineData("request")]
    [InlineData("ApplicationRequest")]
    public void Reads_both_request_roots(string root)
    {
        var parsed = Read($"""
            <?xml version="1.0" encoding="UTF-8" ?>
            <{root}><name>n</name><configuration><pinAttempts>4</pinAttempts><verifyPinLimit>2/4s</verifyPinLimit>
            <allowMultiplePinVerifications>false</allowMultiplePinVerifications></configuration><enabled>false</enabled></{root}>
            """);
        parsed.TextOf("name").ShouldBe("n");
        parsed.NumberOf("enabled").ShouldBe(0);
        parsed.NumberOf("configuration.pinAttempts").ShouldBe(4);
        parsed.NumberOf("configuration.allowMultiplePinVerifications").ShouldBe(0);
        parsed.PresentPaths().ShouldBe(["name", "enabled", "configuration", "configuration.pinAttempts", "configuration.allowMultiplePinVerifications", "configuration.verifyPinLimit"]);
    }

    [Fact]
    public void Another_root_is_refused() => Fails("<application><name>n</name></application>").Text.ShouldContain("<request>");

    [Fact]
    public void A_DTD_is_refused()
    {
        var error = Fails("""<?xml version="1.0"?><!DOCTYPE request [<!ENTITY x "boom">]><request><name>&x;</name></request>""");
        error.Status.ShouldBe(400);
        error.Text.ShouldContain("DTD");
    }

    [Fact]
    public void An_external_entity_never_reads_a_file()
    {
        var error = Fails("""<?xml version="1.0"?><!DOCTYPE request [<!ENTITY x SYSTEM "file:///etc/passwd">]><request><name>&x;</name></request>""");
        error.Text.ShouldNotContain("root:");
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused()
    {
        var bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><request><name>&lol2;</name></request>""";
        Fails(bomb).Status.ShouldBe(400);
    }

    [Theory]
    [InlineData("<request><name>n</name>")]                 // truncated
    [InlineData("<request><name>n</request>")]              // mismatched
    [InlineData("not xml at all")]
    [InlineData("<request><name>n</name></request><extra/>")] // two roots
    public void Malformed_XML_is_an_input_error(string xml) => Fails(xml).Status.ShouldBe(400);

    [Theory]
    [InlineData("<request><name>n</name><enabled>maybe</enabled></request>", "enabled : must be a boolean")]
    [InlineData("<request><name>n</name><configuration><pinAttempts>ten</pinAttempts></configuration></request>", "configuration.pinAttempts : must be a 32-bit integer")]
    [InlineData("<request><name><first>n</first></name></request>", "name : must be a string")]
    public void Wrong_types_are_field_violations(string xml, string violation) =>
        Read(xml).Violations.Select(v => v.ToString()).ShouldBe([violation]);

    [Fact]
    public void Empty_elements_for_numbers_and_booleans_count_as_omitted()
    {
        var parsed = Read("<request><name>n</name><enabled/><configuration><pinAttempts></pinAttempts></configuration></request>");
        parsed.PresentPaths().ShouldNotContain("enabled");
        parsed.PresentPaths().ShouldNotContain(p => p.StartsWith("configuration."));
        parsed.Violations.ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_name_element_leaves_the_name_null() => Read("<request><enabled>true</enabled></request>").ValueOf("name").Present.ShouldBeFalse();
}
