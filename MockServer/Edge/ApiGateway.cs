using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Admin;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Stubbing;

namespace TwoFactorContracts.MockServer.Edge;

/// <summary>
/// Our middleware in front of WireMock's. A request head over the edge's limits is answered first (<see cref="EdgeGuard"/>).
/// In stateful mode, while no user stub exists, it answers API requests
/// without Prefer itself (the hot path: no WireMock mapping matching). Everything else goes to WireMock: in
/// examples mode and with Prefer the contract's case stubs answer, user stubs win over them, and our
/// catch-all mapping runs the pipeline for what none matched. Admin requests pass to WireMock, and
/// afterwards the gateway notices mapping changes and resets.
/// </summary>
internal sealed class ApiGateway(Task<MockParts> parts, EdgeGuard edge, AdminRoutes admin, PipelineEntry entry, MockServerOptions options, MockControl control,
    CredentialCheck credentials)
{
    private readonly bool _examplesMode = options.Mode == MockMode.Examples;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (EdgeGuard.Check(context) is { } overLimit)
        {
            await edge.AnswerAsync(context, overLimit).ConfigureAwait(false);
            return;
        }
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AdminPaths.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            // Health and the admin API answer once everything is ready: WireMock starts listening before it
            // registers its admin mappings, and our catch-all and --mappings stubs come after that.
            await control.Ready.ConfigureAwait(false);
            if (await admin.TryHandleAsync(context, path).ConfigureAwait(false)) return;
            if (!options.AdminEnabled) { await AnswerAsync(context, RequestIds.Assign(context)).ConfigureAwait(false); return; }
            // WireMock's admin API reads the body itself (a mapping may be large); our catch-all sees the rest.
            if (await entry.ReadAsync(context, requestId: null, readBody: false).ConfigureAwait(false) is not { } adminRequest) return;
            RequestIds.Current.Value = new RoutedRequest(adminRequest, context.RequestAborted);
            await next(context).ConfigureAwait(false);
            if (!HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode < 400)
                control.AfterAdminChange(path);
            return;
        }

        var headers = context.Request.Headers;
        var forCaseStubs = _examplesMode || headers.ContainsKey("Prefer");
        // Requests WireMock answers wait until its stubs are loaded, so they never miss them.
        if (!control.Ready.IsCompleted && (forCaseStubs || options.MappingsFolder is not null)) await control.Ready.ConfigureAwait(false);
        var requestId = RequestIds.Assign(context);
        // A case stub matches any well-formed credential: one --credential does not list is refused by the pipeline.
        if (forCaseStubs && credentials.Restricted && headers.Authorization.Count > 0
            && !credentials.TryCheck(headers.Authorization.ToString(), out _, out _))
            forCaseStubs = false;
        // A forbidden credential or a spent budget is refused before any documented answer, stub or not.
        var admitted = false;
        if (forCaseStubs)
        {
            var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
            if (ready.Pipeline.RefusesBeforeStubs(context.Request.Method, path, headers.Authorization.Count > 0 ? headers.Authorization.ToString() : null, out admitted))
                forCaseStubs = false;
        }
        if (forCaseStubs || control.UserStubsPresent) await PassToWireMockAsync(context, next, requestId, admitted).ConfigureAwait(false);
        else await AnswerAsync(context, requestId).ConfigureAwait(false);
    }

    /// <summary>
    /// WireMock's mappings answer the request as the gateway read it (the body handed on as read), so our catch-all
    /// mapping answers exactly what the fast path would; the journal records the answer unless the catch-all did.
    /// </summary>
    private async Task PassToWireMockAsync(HttpContext context, RequestDelegate next, string requestId, bool admitted)
    {
        var started = Stopwatch.GetTimestamp();
        if (await entry.ReadAsync(context, requestId).ConfigureAwait(false) is not { } request) return;
        request.AdmittedBeforeStubs = admitted;
        HttpExchange.Rewind(context, request);
        var routed = new RoutedRequest(request, context.RequestAborted);
        RequestIds.Current.Value = routed; // a stub's answer carries the id too; our catch-all mapping journals it
        await next(context).ConfigureAwait(false);
        if (!routed.Journaled && entry.Recording)
        {
            if (request.Authorization is { } authorization && credentials.TryCheck(authorization, out var credential, out _))
                request.MaskedCredential = credential.Masked;
            entry.Record(request, context.Response.StatusCode, started);
        }
    }

    private async Task AnswerAsync(HttpContext context, string requestId)
    {
        var started = Stopwatch.GetTimestamp();
        if (await entry.ReadAsync(context, requestId).ConfigureAwait(false) is not { } request) return;
        var response = await entry.AnswerAsync(request, context.RequestAborted).ConfigureAwait(false);
        await HttpExchange.WriteAsync(context, response).ConfigureAwait(false);
        entry.Record(request, response.Status, started);
    }
}
