using TwoFactorContracts.Client;
using TwoFactorContracts.Testing;

namespace PackageConsumer;

/// <summary>TwoFactorContracts.Testing and .Client from the packages: the in-process mock and the typed client.</summary>
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
    public async Task Errors_arrive_as_the_client_s_exception()
    {
        var error = await Should.ThrowAsync<TwoFactorApiException>(() => fixture.Client.GetApplicationAsync("NO-SUCH-APPLICATION"));
        error.StatusCode.ShouldBe(404);
    }
}
