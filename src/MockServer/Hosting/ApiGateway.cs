using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.Pipeline;

namespace TwoFactorContracts.MockServer.Hosting;

/// <summary>
/// Our middleware in front of WireMock's. While no user stub exists it answers API requests itself (the hot
/// path: no WireMock mapping matching); otherwise it passes them to WireMock, where user stubs win and our
/// catch-all mapping runs the same pipeline. Admin requests pass to WireMock, and afterwards the gateway
/// notices mapping changes and resets.
/// </summary>
internal sealed class ApiGateway(Task<MockParts> parts, AdminEndpoints admin, RequestJournal journal, MockServerOptions options, IUserStubs stubs)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith(AdminEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await parts.ConfigureAwait(false); // health answers only once the pipeline is ready
            if (await admin.TryHandleAsync(context, path).ConfigureAwait(false)) return;
            if (!options.AdminEnabled) { await AnswerAsync(context).ConfigureAwait(false); return; }
            await next(context).ConfigureAwait(false);
            if (!HttpMethods.IsGet(context.Request.Method) && context.Response.StatusCode < 400)
                stubs.AfterAdminChange(path);
            return;
        }

        if (stubs.Present) await next(context).ConfigureAwait(false);
        else await AnswerAsync(context).ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
        var request = await HttpExchange.ReadAsync(context, options.MaxBodyBytes).ConfigureAwait(false);
        var response = await ready.Pipeline.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        await HttpExchange.WriteAsync(context, response).ConfigureAwait(false);
        Record(journal, options, request, response.Status, started);
    }

    /// <summary>Journals (and with --verbose prints) one API request; the credential only masked.</summary>
    public static void Record(RequestJournal journal, MockServerOptions options, ApiRequest request, int status, long started)
    {
        if (journal.Capacity == 0 && options.Verbosity != Verbosity.Verbose) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        journal.Record(new JournalEntry(DateTimeOffset.UtcNow, request.Method, request.Path, status, request.MaskedCredential, elapsed));
        if (options.Verbosity == Verbosity.Verbose)
            Console.WriteLine($"{request.Method} {request.Path} -> {status} ({elapsed:0.###} ms){(request.MaskedCredential is null ? "" : " " + request.MaskedCredential)}");
    }
}

/// <summary>Whether user stubs exist, and what to do when the admin API may have changed them.</summary>
internal interface IUserStubs
{
    bool Present { get; }

    void AfterAdminChange(string path);
}
