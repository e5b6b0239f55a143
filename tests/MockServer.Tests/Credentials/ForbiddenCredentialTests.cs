using System.Text.Json.Nodes;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Throttling;

namespace MockServer.Tests.Credentials;

public sealed class ForbiddenCredentialFixture : MockFixture
{
    public const string ForbiddenKey = "App no-2fa-permission";
    public const string ForbiddenUser = "mallory";

    protected override MockServerOptions Options() => QuietMock.Options(o =>
    {
        o.ForbiddenCredentials = [ForbiddenKey, $"Basic {ForbiddenUser}:secret"];
        o.Throttle = ThrottleSpec.Parse("2/1h");
    });
}

/// <summary>--forbidden-credential: a known credential without access gets 403 FORBIDDEN, as the contract documents it.</summary>
public class ForbiddenCredentialTests(ForbiddenCredentialFixture fixture) : IClassFixture<ForbiddenCredentialFixture>
{
    public static TheoryData<string, string, string?> Operations() => new()
    {
        { "GET", ApiClient.Collection, null },
        { "POST", ApiClient.Collection, """{"name":"x"}""" },
        { "GET", $"{ApiClient.Collection}/0933F3BC087D2A617AC6DCB2EF5B8A61", null },
        { "PUT", $"{ApiClient.Collection}/0933F3BC087D2A617AC6DCB2EF5B8A61", """{"name":"x"}""" },
    };

    /// <summary>The contract's own 403 example: the mock must answer with its messageId and text.</summary>
    private static (string MessageId, string Text) Documented403()
    {
        var example = ContractDocument.Load().Operation("listApplications").FindResponseExample(403, BodyFormat.Json)!;
        var exception = JsonNode.Parse(example.Text)!["requestError"]!["serviceException"]!;
        return (exception["messageId"]!.GetValue<string>(), exception["text"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Every_operation_answers_403_in_json_and_xml(string method, string path, string? body)
    {
        var (messageId, text) = Documented403();
        messageId.ShouldBe("FORBIDDEN");
        var client = fixture.NewAccount().As(ForbiddenCredentialFixture.ForbiddenKey);
        foreach (var accept in new[] { "application/json", "application/xml" })
        {
            var response = await client.SendAsync(new HttpMethod(method), path, body, body is null ? null : "application/json", accept);
            await response.ShouldBeError(403, messageId, text);
            response.Content.Headers.ContentType!.MediaType.ShouldBe(accept);
        }
    }

    [Fact]
    public async Task Prefer_does_not_get_a_forbidden_credential_past_403()
    {
        var client = fixture.NewAccount().As(ForbiddenCredentialFixture.ForbiddenKey);
        var prefer = new Dictionary<string, string> { ["Prefer"] = "example=basic" };
        await (await client.GetAsync(headers: prefer)).ShouldBeError(403, "FORBIDDEN");
    }

    [Fact]
    public async Task A_Basic_credential_configured_as_user_and_password_matches_the_encoded_header()
    {
        var client = fixture.NewAccount().As(ApiClient.BasicFor(ForbiddenCredentialFixture.ForbiddenUser, "secret"));
        await (await client.GetAsync()).ShouldBeError(403, "FORBIDDEN");
        // Another password is another credential (and another account): not forbidden.
        await (await client.As(ApiClient.BasicFor(ForbiddenCredentialFixture.ForbiddenUser, "other")).GetAsync()).ShouldBeOk();
    }

    [Fact]
    public async Task Other_credentials_are_unaffected_and_missing_ones_are_still_401()
    {
        var client = fixture.NewAccount();
        await (await client.As("App another-key").GetAsync()).ShouldBeOk();
        await (await client.As(null).GetAsync()).ShouldBeError(401, "UNAUTHORIZED", Texts.Unauthorized);
    }

    [Fact]
    public async Task A_forbidden_request_changes_nothing_and_takes_no_throttling_budget()
    {
        var forbidden = fixture.NewAccount().As(ForbiddenCredentialFixture.ForbiddenKey);
        for (var i = 0; i < 3; i++) await (await forbidden.PostJsonAsync("""{"name":"never stored"}""")).ShouldBeError(403, "FORBIDDEN");
        // The same account key un-forbidden would be another mock; here check the store through the journal-free way:
        // no account was created for the forbidden credential, and an ordinary account's budget is its own.
        var ordinary = fixture.NewAccount();
        await (await ordinary.PostJsonAsync("""{"name":"a"}""")).ShouldBeOk();
        await (await ordinary.PostJsonAsync("""{"name":"b"}""")).ShouldBeOk();
        await (await ordinary.PostJsonAsync("""{"name":"c"}""")).ShouldBeError(429, "TOO_MANY_REQUESTS");
        (await Bodies.JsonOf(await ordinary.GetAsync())).AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldNotContain("never stored");
    }
}

/// <summary>With --credential, a forbidden credential is a known one: 403, while an unknown one stays 401.</summary>
public class ForbiddenWithAcceptedCredentialsTests
{
    [Fact]
    public async Task Forbidden_is_403_and_unknown_is_401()
    {
        await using var mock = await QuietMock.StartAsync(o =>
        {
            o.AcceptedCredentials = ["App good"];
            o.ForbiddenCredentials = ["App banned"];
        });
        var client = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        await (await client.As("App good").GetAsync()).ShouldBeOk();
        await (await client.As("App banned").GetAsync(accept: "application/xml")).ShouldBeError(403, "FORBIDDEN");
        await (await client.As("App stranger").GetAsync()).ShouldBeError(401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("banned")]
    [InlineData("Token abc")]
    [InlineData("Basic nocolon")]
    public void A_configured_value_that_is_not_a_credential_is_refused_without_echoing_it(string configured)
    {
        var message = Should.Throw<ArgumentException>(() => new MockServerOptions { ForbiddenCredentials = [configured] }.Validate()).Message;
        message.ShouldStartWith("--forbidden-credential: Not a credential");
        if (configured.Contains(' ')) message.ShouldNotContain(configured[(configured.IndexOf(' ') + 1)..]);
    }
}
