using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.HostileInput;

/// <summary>Broken JSON bodies: each gets 400 in the JSON envelope and changes nothing.</summary>
public sealed class MalformedJsonTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    private const string Json = "application/json";

    [Fact]
    public async Task Every_truncation_of_the_documented_request_is_a_400_in_the_envelope()
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("truncated-json");
        var guard = await StateGuard.ReadAsync(client, account);
        var body = Bodies.Bytes(Bodies.Create(BodyFormat.Json).Trim());
        var failures = new List<string>();
        for (var length = 0; length < body.Length; length++)
        {
            var answer = await Api.SendAsync(client, "POST", Api.Collection, account, body[..length], Json, Json);
            if (answer.Status != 400 || Envelope.Problems(answer, BodyFormat.Json) is { Count: > 0 })
                failures.Add($"{length} bytes: {answer}");
        }
        failures.ShouldBeEmpty();
        await guard.ShouldBeUnchangedAsync("truncated JSON");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("[]")]
    [InlineData("[{\"name\":\"a\"}]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("{\"name\":}")]
    [InlineData("{\"name\":\"a\",}")]
    [InlineData("{\"name\":\"a\"}}")]
    [InlineData("{\"name\":\"a\"} {\"name\":\"b\"}")]
    [InlineData("{'name':'a'}")]
    [InlineData("{name:\"a\"}")]
    [InlineData("{\"name\":\"a\" \"enabled\":true}")]
    [InlineData("{\"name\":\"\\x41\"}")]
    [InlineData("{\"name\":\"\\u12\"}")]
    [InlineData("{\"name\":\"a\", \"configuration\": {\"pinAttempts\": NaN}}")]
    [InlineData("{\"name\":\"a\", \"configuration\": {\"pinAttempts\": 1e400}}")]
    [InlineData("{\"name\":\"a\", \"configuration\": {\"pinAttempts\": 99999999999999999999}}")]
    [InlineData("{\"name\":\"a\", \"configuration\": {\"pinAttempts\": 1.5}}")]
    [InlineData("{\"name\":\"a\", \"configuration\": {\"pinAttempts\": -1}}")]
    [InlineData("{\"name\":\"a\", \"configuration\": {\"pinTimeToLive\": 15}}")]
    [InlineData("{\"name\":\"a\", \"configuration\": [1,2]}")]
    [InlineData("{\"name\":[\"a\"]}")]
    [InlineData("{\"name\":\"a\", \"enabled\": \"yes\"}")]
    [InlineData("{\"name\":\"a\"\u0000}")]
    [InlineData("{\"name\":\"a\u0001\"}")]
    [InlineData("/* comment */ {\"name\":\"a\"}")]
    [InlineData("{\"name\":\"a\"} // trailing comment")]
    [InlineData("   ")]
    public async Task Invalid_json_is_a_400_in_the_envelope(string body)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("invalid-json");
        var guard = await StateGuard.ReadAsync(client, account);
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, Encoding.UTF8.GetBytes(body), Json, Json);
        answer.ShouldBeEnvelope(400, BodyFormat.Json);
        await guard.ShouldBeUnchangedAsync(body);
    }

    /// <summary>Text, then raw bytes that are not valid UTF-8, then text.</summary>
    private static byte[] Utf8Json(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    public static TheoryData<string, byte[]> InvalidUtf8OutsideStrings => new()
    {
        { "invalid byte in a property name", Utf8Json("{\"na", [0xC3, 0x28], "me\":\"a\"}") },
        { "invalid byte outside strings", Utf8Json("{\"name\":\"a\"", [0xFF], "}") },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8OutsideStrings))]
    public async Task Invalid_utf8_outside_read_strings_is_a_400_in_the_envelope(string what, byte[] body) =>
        await ShouldRefuseAsync("utf8-json", what, body);

    public static TheoryData<string, byte[]> InvalidUtf8InStrings => new()
    {
        { "lone continuation byte in the name", Utf8Json("{\"name\":\"a", [0x80], "\"}") },
        { "0xFF in the name", Utf8Json("{\"name\":\"", [0xFF, 0xFE], "\"}") },
        { "overlong encoding of '/'", Utf8Json("{\"name\":\"", [0xC0, 0xAF], "\"}") },
        { "UTF-8 encoded surrogate", Utf8Json("{\"name\":\"", [0xED, 0xA0, 0x80], "\"}") },
        { "multi-byte sequence cut by the quote", Utf8Json("{\"name\":\"", [0xE2, 0x82], "\"}") },
        { "invalid byte in a configuration time", Utf8Json("{\"name\":\"a\",\"configuration\":{\"pinTimeToLive\":\"1", [0xFF], "m\"}}") },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8InStrings))]
    public async Task Invalid_utf8_in_a_string_value_is_a_400_in_the_envelope(string what, byte[] body) =>
        await ShouldRefuseAsync("utf8-json", what, body);

    [Fact]
    public async Task Invalid_utf8_in_an_ignored_property_is_a_400_in_the_envelope() =>
        await ShouldRefuseAsync("utf8-json", "unknown property", Utf8Json("{\"name\":\"a\",\"x\":\"", [0xFF], "\"}"));

    [Theory]
    [InlineData("{\"name\":\"\\uD800\"}")]
    [InlineData("{\"name\":\"a\\uDC00b\"}")]
    [InlineData("{\"name\":\"\\uD800\\u0041\"}")]
    public async Task An_escaped_lone_surrogate_is_refused_and_never_poisons_the_list(string body)
    {
        await ShouldRefuseAsync("surrogate", body, Encoding.UTF8.GetBytes(body));
        // Also in XML: a stored name no XML can carry would break every later list of the account.
        using var client = mock.BoundedClient();
        (await Api.ListAsync(client, Accounts.New("surrogate"), BodyFormat.Xml)).Status.ShouldBe(200);
    }

    private async Task ShouldRefuseAsync(string purpose, string what, byte[] body)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New(purpose);
        var guard = await StateGuard.ReadAsync(client, account);
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, body, Json, Json);
        answer.ShouldBeEnvelope(400, BodyFormat.Json);
        await guard.ShouldBeUnchangedAsync(what);
    }

    public static TheoryData<string, string> DeepJson => new()
    {
        { "arrays as the body", new string('[', 10_000) + new string(']', 10_000) },
        { "objects as the body", string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) },
        { "arrays in an unknown property", "{\"name\":\"a\",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
        { "arrays as the name", "{\"name\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
        { "objects in the configuration", "{\"name\":\"a\",\"configuration\":{\"pinAttempts\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000) + "}}" },
        { "unclosed arrays", "{\"name\":\"a\",\"x\":" + new string('[', 10_000) },
    };

    [Theory]
    [MemberData(nameof(DeepJson))]
    public async Task Ten_thousand_deep_json_is_a_400_in_the_envelope(string what, string body)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("deep-json");
        var guard = await StateGuard.ReadAsync(client, account);
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, Encoding.UTF8.GetBytes(body), Json, Json);
        answer.ShouldBeEnvelope(400, BodyFormat.Json);
        await guard.ShouldBeUnchangedAsync(what);
    }

    [Theory]
    [InlineData("{\"name\":\"a\",\"name\":\"b\"}")]
    [InlineData("\uFEFF{\"name\":\"a\"}")]
    [InlineData("{\"name\":\"a\",\"unknown\":{\"deep\":[1,2,{\"x\":null}]}}")]
    [InlineData("{\"name\":\"\",\"configuration\":{}}")]
    [InlineData("{\"name\":\"\\u0000\"}")]
    [InlineData("{\"name\":\"<script>&amp;]]></x>\"}")]
    public async Task Odd_but_well_formed_json_is_answered_validly_either_way(string body)
    {
        using var client = mock.BoundedClient();
        var account = Accounts.New("odd-json");
        var answer = await Api.SendAsync(client, "POST", Api.Collection, account, Encoding.UTF8.GetBytes(body), Json, Json);
        await Answers.ShouldBeValidAsync(client, account, answer, "createApplication", BodyFormat.Json);
    }
}
