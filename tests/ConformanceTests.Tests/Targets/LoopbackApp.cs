using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>A minimal Kestrel app on a free loopback port answering every request with one handler: the base of the fake targets.</summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IDisposable? _owned;

    private LoopbackApp(WebApplication app, Uri baseUrl, IDisposable? owned)
    {
        _app = app;
        BaseUrl = baseUrl;
        _owned = owned;
    }

    public Uri BaseUrl { get; }

    /// <param name="handler">Answers every request.</param>
    /// <param name="owned">Disposed with the app (e.g. the proxy's upstream client).</param>
    public static async Task<LoopbackApp> StartAsync(RequestDelegate handler, IDisposable? owned = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackApp(app, new Uri(address.TrimEnd('/') + "/"), owned);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _owned?.Dispose();
    }
}
