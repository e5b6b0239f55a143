using TwoFactorContracts.MockServer.Credentials;

namespace MockServer.Tests.Credentials;

public class CredentialParserTests
{
    [Theory]
    [InlineData("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", CredentialScheme.Basic, "Basic:Aladdin")]
    [InlineData("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", CredentialScheme.Basic, "Basic:Aladdin")]
    [InlineData("App 003026bbc133714df1834b8638bb496e-8f4b3d9a", CredentialScheme.App, "App:003026bbc133714df1834b8638bb496e-8f4b3d9a")]
    [InlineData("IBSSO 2f9b4d4e-sso", CredentialScheme.IBSSO, "IBSSO:2f9b4d4e-sso")]
    [InlineData("Bearer eyJhbGciOi.x.y", CredentialScheme.Bearer, "Bearer:eyJhbGciOi.x.y")]
    public void Reads_each_scheme_and_names_the_account(string header, CredentialScheme scheme, string account)
    {
        var credential = CredentialParser.Parse(header)!;
        credential.Scheme.ShouldBe(scheme);
        credential.Account.ShouldBe(account);
    }

    [Fact]
    public void Basic_accounts_are_identified_by_username_not_password()
    {
        var a = CredentialParser.Parse(TestBasic("alice", "one"))!;
        var b = CredentialParser.Parse(TestBasic("alice", "two"))!;
        a.Account.ShouldBe(b.Account);
        a.Canonical.ShouldNotBe(b.Canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic dXNlcm5hbWVvbmx5")] // "usernameonly": no colon
    [InlineData("Basic OnBhc3N3b3Jk")]     // ":password": empty username
    [InlineData("App")]
    [InlineData("App two words")]
    [InlineData("Token abc")]
    [InlineData("abc")]
    public void Refuses_missing_or_malformed(string? header) => CredentialParser.Parse(header).ShouldBeNull();

    [Fact]
    public void The_masked_form_never_contains_the_secret()
    {
        var credential = CredentialParser.Parse("App super-secret-key")!;
        credential.Masked.ShouldStartWith("App #");
        credential.Masked.ShouldNotContain("super-secret-key");
        CredentialParser.Parse(TestBasic("bob", "hunter2"))!.Masked.ShouldNotContain("hunter2");
    }

    [Fact]
    public void Configured_credentials_only_admit_those()
    {
        var check = new CredentialCheck(["Basic bob:pw", "App key-1"]);
        check.TryCheck(TestBasic("bob", "pw"), out _, out _).ShouldBeTrue();
        check.TryCheck("App key-1", out _, out _).ShouldBeTrue();
        check.TryCheck(TestBasic("bob", "wrong"), out _, out var error).ShouldBeFalse();
        error.ShouldBe(CredentialsError.Unauthorized);
        check.TryCheck("App key-2", out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void A_configured_credential_that_is_not_one_is_refused_at_start() =>
        Should.Throw<ArgumentException>(() => new CredentialCheck(["Digest abc"]));

    private static string TestBasic(string user, string password) => Support.ApiClient.BasicFor(user, password);
}
