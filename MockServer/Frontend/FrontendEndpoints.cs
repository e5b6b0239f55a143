using Microsoft.AspNetCore.Builder;
using TwoFactorContracts.MockServer.Frontend.Cors;
using TwoFactorContracts.MockServer.Frontend.Docs;
using TwoFactorContracts.MockServer.Frontend.Outbox;

namespace TwoFactorContracts.MockServer.Frontend;

/// <summary>
/// The browser-facing extras in front of the mock: CORS first (so preflights never reach the API stages and
/// every answer carries the headers), then the docs page and the contract file, then the outbox page.
/// </summary>
public static class FrontendEndpoints
{
    /// <summary>Adds CORS, <c>/docs</c>, <c>/openapi/2fa-applications.yaml</c> and <c>/outbox</c> to the pipeline; call it before the API's stages.</summary>
    public static IApplicationBuilder Use(IApplicationBuilder app, FrontendOptions options)
    {
        var cors = new CorsMiddleware(CorsPolicy.From(options));
        var docs = new DocsEndpoints(options);
        app.Use(cors.InvokeAsync);
        app.Use(docs.InvokeAsync);
        if (options.OutboxAdminAccepts is { } adminAccepts) app.Use(new OutboxPage(adminAccepts).InvokeAsync);
        return app;
    }
}
