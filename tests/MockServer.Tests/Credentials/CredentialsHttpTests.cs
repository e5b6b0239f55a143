using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Credentials;

public class CredentialsHttpTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    [Theory]
    [InlineData("Basic")]
    [InlineData("App")]
    [InlineData("IBSSO")]
    [InlineData("Bearer")]
    public async Task Each_credential_kind_is_accepted(string scheme)
    {
        var value = scheme == "Basic" ? ApiClient.BasicFor($"u{Guid.NewGuid():N}", "p") : $"{scheme} token-{Guid.NewGuid():N}";
        var client = fixture.NewAccount().As(value);
        await (await client.GetAsync()).ShouldBeOk();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic not-base64!")]
    [InlineData("Digest abc")]
    [InlineData("App")]
    public async Task Missing_or_malformed_credentials_get_401_in_the_envelope(string? authorization)
    {
        var response = await fixture.NewAccount().As(authorization).GetAsync();
        await response.ShouldBeError(401, "UNAUTHORIZED", Texts.Unauthorized);
    }

    [Fact]
    public async Task The_401_comes_in_the_negotiated_type()
    {
        var response = await fixture.NewAccount().As(null).GetAsync(accept: "application/xml");
        await response.ShouldBeError(401, "UNAUTHORIZED", Texts.Unauthorized);
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe("application/xml");
    }

    [Fact]
    public async Task Accounts_do_not_see_each_others_applications()
    {
        var alice = fixture.NewAccount();
        var bob = fixture.NewAccount();
        var id = await alice.CreateAsync("""{"name":"alice's"}""");

        await (await bob.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeError(404, "APPLICATION_NOT_FOUND", Texts.NotFound);
        (await (await bob.GetAsync()).Content.ReadAsStringAsync()).ShouldNotContain(id);
        await (await bob.PutJsonAsync(id, """{"name":"bob's now"}""")).ShouldBeError(404, "APPLICATION_NOT_FOUND");
        (await (await alice.GetAsync()).Content.ReadAsStringAsync()).ShouldContain(id);
    }

    [Fact]
    public async Task The_same_Basic_username_is_the_same_account()
    {
        var user = $"u{Guid.NewGuid():N}";
        var first = fixture.NewAccount().As(ApiClient.BasicFor(user, "a"));
        var second = fixture.NewAccount().As(ApiClient.BasicFor(user, "b"));
        var id = await first.CreateAsync("""{"name":"shared"}""");
        await (await second.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeOk();
    }
}

public sealed class RestrictedCredentialsFixture : MockFixture
{
    protected override MockServerOptions Options() => QuietMock.Options(o => o.AcceptedCredentials = ["Basic team:secret", "App ci-key"]);
}

public class RestrictedCredentialsHttpTests(RestrictedCredentialsFixture fixture) : IClassFixture<RestrictedCredentialsFixture>
{
    [Fact]
    public async Task Only_configured_credentials_are_accepted()
    {
        var client = fixture.NewAccount();
        await (await client.As(ApiClient.BasicFor("team", "secret")).GetAsync()).ShouldBeOk();
        await (await client.As("App ci-key").GetAsync()).ShouldBeOk();
        await (await client.As(ApiClient.BasicFor("team", "guess")).GetAsync()).ShouldBeError(401, "UNAUTHORIZED", Texts.Unauthorized);
        await (await client.As("App other").GetAsync()).ShouldBeError(401, "UNAUTHORIZED", Texts.Unauthorized);
    }
}
