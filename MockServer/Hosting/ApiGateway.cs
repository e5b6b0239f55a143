using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.Pipeline;

namespace TwoFactorContracts.MockServer.Hosting;

/// <summary>
/// Our middleware in front of WireMock's. In stateful mode, while no user stub exists, it answers API requests
/// without Prefer itself (the hot path: no WireMock mapping matching). Everything else goes to WireMock: in
/// examples mode and with Prefer the contract's case stubs answer, user stubs win over them, and our
/// catch-all mapping runs the pipeline for what none matched. Admin requests pass to WireMock, and
/// afterwards the gateway notices mapping changes and resets.
/// </summary>
internal sealed class ApiGateway(Task<MockParts> parts, AdminEndpoints admin, RequestJournal journal, MockServerOptions options, IMockControl control,
    CredentialCheck credentials)
{
    private readonly bool _examplesMode = options.Mode == MockMode.Examples;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AdminEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            // Health and the admin API answer once everything is ready: WireMock starts listening before it
            // registers its admin mappings, and our catch-all and --mappings stubs come after that.
            await control.Ready.ConfigureAwait(false);
            if (await admin.TryHandleAsync(context, path).ConfigureAwait(false)) return;
            if (!options.AdminEnabled) { await AnswerAsync(context, RequestIds.Assign(context)).ConfigureAwait(false); return; }
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
        if (forCaseStubs)
        {
            var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
            if (ready.Pipeline.RefusesBeforeStubs(context.Request.Method, path, headers.Authorization.Count > 0 ? headers.Authorization.ToString() : null))
                forCaseStubs = false;
        }
        if (forCaseStubs || control.UserStubsPresent) await PassToWireMockAsync(context, next, requestId).ConfigureAwait(false);
        else await AnswerAsync(context, requestId).ConfigureAwait(false);
    }

    /// <summary>WireMock's mappings answer; the journal records the answer unless our catch-all mapping did.</summary>
    private async Task PassToWireMockAsync(HttpContext context, RequestDelegate next, string requestId)
    {
        var started = Stopwatch.GetTimestamp();
        var routed = new RoutedRequest(requestId);
        RequestIds.Current.Value = routed; // a stub's answer carries the id too; our catch-all mapping journals it
        await next(context).ConfigureAwait(false);
        if (!routed.Journaled && (journal.Capacity > 0 || options.Verbosity == Verbosity.Verbose))
        {
            var request = new ApiRequest { RequestId = requestId, Method = context.Request.Method, Path = context.Request.Path.Value ?? "/" };
            if (context.Request.Headers.Authorization.Count > 0 && credentials.TryCheck(context.Request.Headers.Authorization.ToString(), out var credential, out _))
                request.MaskedCredential = credential.Masked;
            Record(journal, options, request, context.Response.StatusCode, started);
        }
    }

    private async Task AnswerAsync(HttpContext context, string requestId)
    {
        var started = Stopwatch.GetTimestamp();
        var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
        ApiRequest request;
        try
        {
            request = await HttpExchange.ReadAsync(context, options.MaxBodyBytes, requestId).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away mid-body: nobody is left to answer
        }
        ApiResponse response;
        try
        {
            response = await ready.Pipeline.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect, not an answer: the client still gets the API's envelope, never a stack trace.
            if (options.Verbosity != Verbosity.Quiet) Console.Error.WriteLine($"error: {request.Method} {request.Path}: {e}");
            response = ready.Pipeline.GeneralError();
        }
        await HttpExchange.WriteAsync(context, response).ConfigureAwait(false);
        Record(journal, options, request, response.Status, started);
    }

    /// <summary>Journals (and with --verbose prints) one API request; the credential only masked.</summary>
    public static void Record(RequestJournal journal, MockServerOptions options, ApiRequest request, int status, long started)
    {
        if (journal.Capacity == 0 && options.Verbosity != Verbosity.Verbose) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        journal.Record(new JournalEntry(DateTimeOffset.UtcNow, request.RequestId, request.Method, request.Path, status, request.MaskedCredential, elapsed));
        if (options.Verbosity == Verbosity.Verbose)
            Console.WriteLine($"{request.Method} {request.Path} -> {status} ({elapsed:0.###} ms, {request.RequestId}){(request.MaskedCredential is null ? "" : " " + request.MaskedCredential)}");
    }
}

/// <summary>What the gateway and admin endpoints may ask of the running host.</summary>
internal interface IMockControl
{
    /// <summary>Completes when WireMock, its admin API, our catch-all mapping and the --mappings stubs are all in place.</summary>
    Task Ready { get; }

    /// <summary>Whether user stubs exist (then API requests go through WireMock's mappings).</summary>
    bool UserStubsPresent { get; }

    /// <summary>Called after an admin request that may have changed mappings.</summary>
    void AfterAdminChange(string path);

    /// <summary>State to the seed, journal cleared, user stubs removed (the --mappings folder reloaded).</summary>
    /// <exception cref="State.StoreUnavailableException">The shared store did not answer; nothing was reset.</exception>
    void Reset();

    /// <summary>Null while the state store answers; otherwise why not.</summary>
    string? StoreProblem { get; }
}
