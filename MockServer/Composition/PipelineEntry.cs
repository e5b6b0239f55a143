using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.Logging;

namespace TwoFactorContracts.MockServer.Composition;

/// <summary>
/// The one way into the pipeline, whoever answers: the gateway's fast path and our catch-all WireMock mapping
/// both get their ApiRequest from <see cref="ReadAsync"/> (the gateway reads it before WireMock sees the request)
/// and run it through <see cref="AnswerAsync"/>, which turns a defect into the API's envelope, and journal it
/// with <see cref="Record"/>.
/// </summary>
internal sealed class PipelineEntry(Task<MockParts> parts, RequestJournal journal, MockServerOptions options, ILoggerFactory logging)
{
    private readonly ILogger _errors = logging.CreateLogger(MockLogging.HostCategory);
    private readonly ILogger _requests = logging.CreateLogger(MockLogging.RequestsCategory);

    /// <summary>The request as the pipeline sees it; null when the client went away mid-body (nobody is left to answer).</summary>
    public async ValueTask<ApiRequest?> ReadAsync(HttpContext context, string? requestId, bool readBody = true)
    {
        try
        {
            return await HttpExchange.ReadAsync(context, readBody ? options.MaxBodyBytes : null, requestId).ConfigureAwait(false);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The pipeline's answer; a defect is logged and answered with the API's general error, never a stack trace.</summary>
    public async ValueTask<ApiResponse> AnswerAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
        try
        {
            return await ready.Pipeline.HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _errors.LogError(e, "{Method} {Path}", request.Method, request.Path);
            return ready.Pipeline.GeneralError();
        }
    }

    /// <summary>A defect outside the pipeline (e.g. our catch-all mapping reached without the gateway): logged, answered with the general error.</summary>
    public async ValueTask<ApiResponse> DefectAsync(string what)
    {
        var ready = parts.IsCompletedSuccessfully ? parts.Result : await parts.ConfigureAwait(false);
        _errors.LogError("{Defect}", what);
        return ready.Pipeline.GeneralError();
    }

    /// <summary>Journals (and with --verbose logs) one API request; the credential only masked.</summary>
    public void Record(ApiRequest request, int status, long started)
    {
        var verbose = _requests.IsEnabled(LogLevel.Debug);
        if (journal.Capacity == 0 && !verbose) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        journal.Record(new JournalEntry(DateTimeOffset.UtcNow, request.RequestId, request.Method, request.Path, status, request.MaskedCredential, elapsed));
        if (verbose)
            _requests.LogDebug("{Method} {Path} -> {Status} ({Elapsed:0.###} ms, {RequestId}){Credential}",
                request.Method, request.Path, status, elapsed, request.RequestId, request.MaskedCredential is null ? "" : " " + request.MaskedCredential);
    }

    /// <summary>Whether anything records a request WireMock's stubs answered (the journal or --verbose).</summary>
    public bool Recording => journal.Capacity > 0 || _requests.IsEnabled(LogLevel.Debug);
}
