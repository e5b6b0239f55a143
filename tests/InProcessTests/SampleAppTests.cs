using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SampleApp;
using TwoFactorContracts.Testing;

namespace InProcessTests;

/// <summary>
/// The sample app (samples/SampleApp) under WebApplicationFactory, its typed Infobip client backed by the mock's handler
/// through IHttpClientFactory: the whole login with no port. Alone in its collection, so the socket check sees only it.
/// </summary>
[Collection(nameof(NoOtherTests))]
public sealed class SampleAppTests
{
    [Fact]
    public async Task A_login_walks_create_send_outbox_verify_with_no_listening_socket()
    {
        var before = OwnSockets.Listening();
        var handler = new TwoFactorMockHandler();
        await using var factory = new WebApplicationFactory<InfobipTwoFactorClient>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Infobip:ApiKey", "sample-app-key");
            web.ConfigureServices(services =>
                services.AddHttpClient<InfobipTwoFactorClient>().ConfigurePrimaryHttpMessageHandler(() => handler));
        });
        using var app = factory.CreateClient();

        using var setup = await app.PostAsync("/setup", null);
        setup.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ids = await setup.Content.ReadFromJsonAsync<JsonElement>();
        var applicationId = ids.GetProperty("applicationId").GetString()!;

        using var send = await app.PostAsJsonAsync("/login/send", new { phone = "41793026727" });
        send.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pinId = (await send.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pinId").GetString()!;

        // The PIN the user received: the mock's outbox, through its admin API on the same handler.
        using var admin = handler.CreateClient();
        var outbox = await admin.GetFromJsonAsync<JsonElement>($"__admin/mock/outbox?pinId={pinId}");
        var message = outbox.GetProperty("messages")[0];
        message.GetProperty("applicationId").GetString().ShouldBe(applicationId);
        message.GetProperty("text").GetString().ShouldStartWith("Your login code is ");
        var pin = message.GetProperty("pin").GetString()!;
        pin.Length.ShouldBe(6);

        using var wrong = await app.PostAsJsonAsync("/login/verify", new { pinId, pin = pin == "000000" ? "111111" : "000000" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var right = await app.PostAsJsonAsync("/login/verify", new { pinId, pin });
        right.StatusCode.ShouldBe(HttpStatusCode.OK);

        // The app's requests reached the mock with its own credential, and nothing listened: no Kestrel, no port.
        handler.Mock.Journal.Snapshot().Select(e => e.Path).ShouldContain("/2fa/2/pin");
        handler.Mock.Journal.Snapshot().ShouldAllBe(e => e.Credential != null && e.Credential.StartsWith("App "));
        factory.Services.GetRequiredService<IServer>().ShouldBeOfType<TestServer>();
        OwnSockets.Listening().ShouldBe(before);
        OwnSockets.Listening().ShouldBeEmpty();
    }

    /// <summary>The socket check can fail: a loopback listener of this process is seen.</summary>
    [Fact]
    public void The_socket_check_sees_a_listener()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            OwnSockets.Listening().ShouldContain(s => s.EndsWith($"(port {((IPEndPoint)listener.LocalEndpoint).Port})"));
        }
        finally
        {
            listener.Stop();
        }
    }
}

/// <summary>Tests that run alone, after the parallel ones (the socket check would see another test's listener).</summary>
[CollectionDefinition(nameof(NoOtherTests), DisableParallelization = true)]
public sealed class NoOtherTests;
