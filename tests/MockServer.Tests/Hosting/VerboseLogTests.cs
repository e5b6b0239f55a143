using System.Text;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Hosting;

/// <summary>
/// With --verbose nothing printed holds a credential, also for requests WireMock handles itself (the admin
/// API, user stubs). Captures the console, so it runs alone.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class VerboseLogTests
{
    [Fact]
    public async Task Requests_WireMock_handles_are_printed_with_the_credential_masked()
    {
        const string adminPassword = "admin-pw-never-printed";
        const string appKey = "app-key-never-printed";
        var captured = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            await using (var host = await MockServerHost.StartAsync(new MockServerOptions
                { Port = 0, Verbosity = Verbosity.Verbose, AdminUser = "admin", AdminPassword = adminPassword }))
            {
                var http = ApiClient.NewHttp(host.BaseUrl);
                using (var request = new HttpRequestMessage(HttpMethod.Post, "/__admin/mappings"))
                {
                    request.Headers.TryAddWithoutValidation("Authorization", ApiClient.BasicFor("admin", adminPassword));
                    request.Content = new StringContent("""{"Request":{"Path":{"Matchers":[{"Name":"WildcardMatcher","Pattern":"/stubbed"}]},"Methods":["GET"]},"Response":{"StatusCode":200,"Body":"stubbed"}}""", Encoding.UTF8, "application/json");
                    (await http.SendAsync(request)).IsSuccessStatusCode.ShouldBeTrue();
                }
                var client = ApiClient.ForNewAccount(host.BaseUrl).As("App " + appKey);
                await (await client.GetAsync("/stubbed", accept: null)).ShouldBeOk();
                await (await client.GetAsync()).ShouldBeOk();
            }
        }
        finally
        {
            Console.SetOut(original);
        }
        var output = captured.ToString();
        output.ShouldContain("/stubbed", customMessage: "the stubbed request was printed (else this test proves nothing)");
        output.ShouldNotContain(adminPassword);
        output.ShouldNotContain(appKey);
        output.ShouldNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + adminPassword)));
    }
}

/// <summary>Tests that redirect the console run alone: it is process-wide.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
