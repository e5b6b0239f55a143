using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwoFactorContracts.Tests.Shared;

/// <summary>
/// A minimal Kestrel app on a free 127.0.0.1 port, for what a test serves beside the mock: a fake target, a
/// corrupting proxy, the browser tests' pages. Compiled into the test projects that need it (tests/Shared).
/// </summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable? _owned;

    private LoopbackApp(WebApplication app, string origin, IDisposable? owned)
    {
        _app = app;
        Origin = origin;
        BaseUrl = new Uri(origin + "/");
        _owned = owned;
    }

    /// <summary>Its address with a trailing slash, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Its origin as a browser names it, e.g. <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public string Origin { get; }

    /// <param name="handler">Answers every request.</param>
    /// <param name="owned">Disposed with the app (e.g. the proxy's upstream client).</param>
    public static Task<LoopbackApp> StartAsync(RequestDelegate handler, IDisposable? owned = null) =>
        StartAsync(app => app.Run(handler), owned);

    /// <param name="configure">Sets up the app's pipeline (e.g. static files).</param>
    /// <param name="owned">Disposed with the app.</param>
    public static async Task<LoopbackApp> StartAsync(Action<WebApplication> configure, IDisposable? owned = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        configure(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackApp(app, address.TrimEnd('/'), owned);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _owned?.Dispose();
    }
}
