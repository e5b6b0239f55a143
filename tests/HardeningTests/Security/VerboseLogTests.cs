using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.HardeningTests.Security;

/// <summary>
/// The mock as users run it (./run-mock.sh --verbose, every line captured): no credential appears in what it
/// prints, neither API credentials (any scheme, valid or malformed) nor configured ones nor the admin password.
/// </summary>
[Collection(RunMockCollection.Name)]
public sealed class VerboseLogTests
{
    [Fact]
    public async Task The_verbose_log_holds_no_credential()
    {
        var secrets = new Secrets();
        await using var mock = await TwoFactorMockProcess.StartAsync("--verbose", "--credential", $"App {secrets.AppKey}",
            "--credential", $"Basic {secrets.BasicUser}:{secrets.BasicPassword}", "--credential", $"Bearer {secrets.BearerToken}");
        using var client = new HttpClient { BaseAddress = mock.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        await SendEverythingAsync(client, secrets);
        var output = await mock.StopAsync();
        output.ShouldContain(Api.Collection, Case.Sensitive, "--verbose printed the requests (else this test proves nothing)");
        secrets.ShouldNotLeakInto(output, "the output of ./run-mock.sh --verbose");
    }

    [Fact]
    public async Task The_verbose_log_holds_no_credential_when_user_stubs_or_the_admin_api_are_used()
    {
        var secrets = new Secrets();
        await using var mock = await TwoFactorMockProcess.StartAsync("--verbose", "--admin-user", "admin", "--admin-password", secrets.AdminPassword);
        using var client = new HttpClient { BaseAddress = mock.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        using (var stub = new HttpRequestMessage(HttpMethod.Post, "/__admin/mappings"))
        {
            stub.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{secrets.AdminPassword}")));
            stub.Content = new StringContent("{\"request\":{\"path\":\"/stubbed\",\"methods\":[\"GET\"]},\"response\":{\"status\":200,\"body\":\"stubbed\"}}", Encoding.UTF8, "application/json");
            (await client.SendAsync(stub)).IsSuccessStatusCode.ShouldBeTrue();
        }
        await SendEverythingAsync(client, secrets);
        var output = await mock.StopAsync();
        secrets.ShouldNotLeakInto(output, "the output of ./run-mock.sh --verbose with user stubs and a protected admin API");
    }

    private static async Task SendEverythingAsync(HttpClient client, Secrets secrets)
    {
        foreach (var credential in secrets.Headers)
        {
            foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
            {
                (await Api.SendAsync(client, "POST", Api.Collection, credential, Bodies.Create(format), format)).Status.ShouldBeLessThan(500);
                (await Api.SendAsync(client, "GET", Api.Collection, credential, accept: format.MediaType())).Status.ShouldBeLessThan(500);
                (await Api.SendAsync(client, "GET", $"{Api.Collection}/UNKNOWN", credential, accept: format.MediaType())).Status.ShouldBeLessThan(500);
            }
            (await Api.SendAsync(client, "GET", "/stubbed", credential)).Status.ShouldBeLessThan(500);
        }
    }
}

/// <summary>Tests that start ./run-mock.sh run one at a time (each may wait for the publish; the machine has 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class RunMockCollection
{
    public const string Name = "run-mock.sh";
}
