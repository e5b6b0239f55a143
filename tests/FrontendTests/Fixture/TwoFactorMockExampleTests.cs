using TwoFactorContracts.Client;
using TwoFactorContracts.Testing;

namespace FrontendTests.Fixture;

/// <summary>
/// The example from README.md (For frontend teams): another suite runs the mock in-process through
/// TwoFactorContracts.Testing, as an xunit class fixture or in one line.
/// </summary>
public sealed class TwoFactorMockExampleTests(TwoFactorMockFixture mock) : IClassFixture<TwoFactorMockFixture>
{
    [Fact]
    public async Task Create_then_get_returns_the_stored_application()
    {
        var created = await mock.Client.CreateApplicationAsync(new ApplicationRequest { Name = "fixture example" });

        var fetched = await mock.Client.GetApplicationAsync(created.ApplicationId);

        fetched.Name.ShouldBe("fixture example");
        fetched.Configuration.PinTimeToLive.ShouldBe("15m");
    }

    [Fact]
    public async Task Reset_forgets_what_the_tests_created()
    {
        var created = await mock.Client.CreateApplicationAsync(new ApplicationRequest { Name = "forgotten" });

        mock.Reset();

        var error = await Should.ThrowAsync<TwoFactorApiException<ApiError>>(() => mock.Client.GetApplicationAsync(created.ApplicationId));
        error.StatusCode.ShouldBe(404);
        error.Result.RequestError.ServiceException.MessageId.ShouldBe("APPLICATION_NOT_FOUND");
    }

    [Fact]
    public async Task One_line_start_gives_a_base_url_and_a_client_with_credentials()
    {
        await using var own = await TwoFactorMock.StartAsync();

        own.BaseUrl.ShouldStartWith("http://127.0.0.1:");
        (await own.Client.ListApplicationsAsync()).ShouldNotBeNull();
        using var anonymous = own.CreateHttpClient(authorization: null);
        (await anonymous.GetAsync("2fa/2/applications")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }
}
