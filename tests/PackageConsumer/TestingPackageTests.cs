using TwoFactorContracts.Client;
using TwoFactorContracts.Testing;

namespace PackageConsumer;

/// <summary>TwoFactorContracts.Testing and .Client from the packages: the in-process mock (on a port and as a handler), the verifier and the typed client.</summary>
public sealed class TestingPackageTests(TwoFactorMockFixture fixture) : IClassFixture<TwoFactorMockFixture>
{
    [Fact]
    public async Task The_mock_from_the_package_stores_what_the_client_creates()
    {
        await using var mock = await TwoFactorMock.StartAsync();
        var created = await mock.Client.CreateApplicationAsync(new ApplicationRequest { Name = "package consumer" });
        created.Name.ShouldBe("package consumer");
        created.Configuration.PinTimeToLive.ShouldBe("15m"); // the contract's default, read from the packaged contract
        var listed = await mock.Client.ListApplicationsAsync();
        listed.Select(a => a.ApplicationId).ShouldContain(created.ApplicationId);
    }

    [Fact]
    public async Task The_xunit_fixture_serves_the_documented_seed()
    {
        fixture.Reset();
        var listed = await fixture.Client.ListApplicationsAsync();
        listed.Count.ShouldBe(3);
    }

    [Fact]
    public async Task The_handler_from_the_package_answers_with_no_port()
    {
        var handler = new TwoFactorMockHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("https://api.infobip.com/") };
        http.DefaultRequestHeaders.Add("Authorization", "App package-consumer");
        using var listed = await http.GetAsync("2fa/2/applications");
        listed.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var created = await handler.CreateTwoFactorClient().CreateApplicationAsync(new ApplicationRequest { Name = "no port" });
        created.Configuration.PinTimeToLive.ShouldBe("15m");
    }

    [Fact]
    public async Task The_verifier_from_the_package_finds_the_profiles_and_the_mock_conforms()
    {
        var result = await ConformanceVerifier.VerifyAsync(new TwoFactorMockHandler(), profile: "seed");
        result.Conforms.ShouldBeTrue(result.Summary);
    }

    [Fact]
    public async Task Errors_arrive_as_the_client_s_exception()
    {
        var error = await Should.ThrowAsync<TwoFactorApiException>(() => fixture.Client.GetApplicationAsync("NO-SUCH-APPLICATION"));
        error.StatusCode.ShouldBe(404);
    }
}
