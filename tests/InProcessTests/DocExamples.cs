// The examples of docs/dotnet.md, compiled and run here: DocsTests checks that the page shows each block between
// "// <doc:NAME>" and "// </doc:NAME>" exactly as it is written here.
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SampleApp;
using TwoFactorContracts.Client;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace InProcessTests.Docs;

public sealed class HandlerDocExamples
{
    [Fact]
    public async Task Plain_HttpClient()
    {
        // <doc:http-client>
        var handler = new TwoFactorMockHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("https://api.infobip.com/") };
        http.DefaultRequestHeaders.Add("Authorization", "App my-test-key");

        using var created = await http.PostAsJsonAsync("2fa/2/applications", new { name = "login" });
        var applicationId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString();
        using var read = await http.GetAsync($"2fa/2/applications/{applicationId}");   // 200: the mock keeps what you create
        // </doc:http-client>
        read.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    [Fact]
    public async Task Generated_client_and_the_pin_flow()
    {
        // <doc:generated-client>
        var handler = new TwoFactorMockHandler(new MockServerOptions { FixedPin = "1234" });
        ITwoFactorClient client = handler.CreateTwoFactorClient();   // https://api.infobip.com/, a fresh credential

        var app = await client.CreateApplicationAsync(new ApplicationRequest { Name = "login" });
        var template = await client.CreateMessageTemplateAsync(
            new MessageTemplateRequest { PinType = PinType.NUMERIC, MessageText = "Your code is {{pin}}", PinLength = 4 }, app.ApplicationId);
        var sent = await client.SendPinOverSmsAsync(
            new SendPinRequest { ApplicationId = app.ApplicationId, MessageId = template.MessageId, To = "41793026727" });

        var pin = handler.Mock.Flow.Outbox.Read().Messages.Single(m => m.PinId == sent.PinId).Pin;   // or GET /__admin/mock/outbox
        var verified = await client.VerifyPinAsync(new VerifyPinRequest { Pin = pin }, sent.PinId);
        // </doc:generated-client>
        verified.Verified.ShouldBeTrue();
        pin.ShouldBe("1234");
    }

    [Fact]
    public async Task WebApplicationFactory_with_IHttpClientFactory()
    {
        // <doc:web-application-factory>
        var handler = new TwoFactorMockHandler();
        await using var factory = new WebApplicationFactory<InfobipTwoFactorClient>().WithWebHostBuilder(web => web
            .UseSetting("Infobip:ApiKey", "test-key")                   // the mock takes any key: an account each
            .ConfigureServices(services => services
                .AddHttpClient<InfobipTwoFactorClient>()               // the app's own typed client
                .ConfigurePrimaryHttpMessageHandler(() => handler)));  // ... answered by the mock, in-process
        using var app = factory.CreateClient();

        using var setup = await app.PostAsync("/setup", null);        // the app creates its 2FA application and template
        // </doc:web-application-factory>
        setup.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        handler.Mock.Journal.Snapshot().Length.ShouldBe(2);
    }
}

// <doc:fixture>
public sealed class LoginTests(TwoFactorMockHandlerFixture mock) : IClassFixture<TwoFactorMockHandlerFixture>
{
    [Fact]
    public async Task Created_applications_are_listed()
    {
        var created = await mock.Client.CreateApplicationAsync(new ApplicationRequest { Name = "fixture" });
        var listed = await mock.Client.ListApplicationsAsync();
        Assert.Contains(listed, a => a.ApplicationId == created.ApplicationId);
    }
}
// </doc:fixture>

public sealed class VerifierDocExamples
{
    // <doc:verify-handler>
    [Fact]
    public async Task The_mock_conforms_to_the_contract()
    {
        var result = await ConformanceVerifier.VerifyAsync(new TwoFactorMockHandler(), profile: "seed");
        Assert.True(result.Conforms, result.Summary);
    }
    // </doc:verify-handler>

    /// <summary>Compiled, run on the sample app (which implements no 2FA API, so it cannot conform): the shape of a team's own test.</summary>
    [Fact]
    public async Task Verifying_an_own_implementation_runs_and_reports()
    {
        await using var factory = new WebApplicationFactory<InfobipTwoFactorClient>();
        var result = await Verify(factory);
        result.Conforms.ShouldBeFalse();
        result.Problem.ShouldBeNull(); // the run was made: the sample app's 404s fail the cases
    }

    private static async Task<ConformanceVerification> Verify<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory) where TEntryPoint : class
    {
        // <doc:verify-own>
        using var client = factory.CreateClient();   // your ASP.NET Core implementation of the API, in-process
        var result = await ConformanceVerifier.VerifyAsync(client, profile: "today", new ConformanceVerifierOptions
        {
            Authorization = "App test-key",                                   // what your implementation accepts
            PinFrom = "http://localhost/test-only/pins/{pinId}",              // where the right PIN can be read, if anywhere
        });
        // Assert.True(result.Conforms, result.Summary);  result.Failures: one line per failed case
        // </doc:verify-own>
        return result;
    }
}
