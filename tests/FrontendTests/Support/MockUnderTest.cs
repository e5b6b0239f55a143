using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Frontend;

namespace FrontendTests.Support;

/// <summary>PRE-MERGE: the frontend middleware in front of a bare endpoint; replaced by the real mock once it lands.</summary>
public sealed class MockUnderTest : IAsyncDisposable
{
    private readonly LoopbackWebHost _host;
    private MockUnderTest(LoopbackWebHost host) => _host = host;

    public string BaseUrl => _host.BaseUrl;
    public const string Authorization = "App frontend-tests";

    public static async Task<MockUnderTest> StartAsync(FrontendOptions? frontend = null)
    {
        var host = await LoopbackWebHost.StartAsync(app =>
        {
            FrontendEndpoints.Use(app, frontend ?? new FrontendOptions());
            app.Run(context => { context.Response.Headers["X-Request-Id"] = "1"; context.Response.StatusCode = 200; return Task.CompletedTask; });
        });
        return new MockUnderTest(host);
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = new Uri(BaseUrl + "/") };

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
