using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.Stubbing;

namespace TwoFactorContracts.MockServer.Admin;

/// <summary>
/// The admin URLs the mock adds beside WireMock's: <c>GET /__admin/health</c> (always on, no credentials, for
/// readiness probes), <c>POST /__admin/reset</c> (WireMock.Net has no such URL) and the API request journal
/// <c>GET|DELETE /__admin/mock/journal</c>; the PIN flow's (outbox, clock, fixed PINs) are <see cref="FlowAdminEndpoints"/>,
/// behind the same credentials.
/// </summary>
internal sealed class AdminEndpoints(RequestJournal journal, MockServerOptions options, MockControl control, FlowAdminEndpoints flow)
{
    public const string HealthPath = "/__admin/health";
    public const string JournalPath = "/__admin/mock/journal";
    public const string ResetPath = "/__admin/reset";


    /// <summary>
    /// WireMock.Net's OpenAPI of the mappings. Its generator was built against NJsonSchema 10 and the mock runs 11
    /// (the contract's validator), so WireMock.Net would answer 500 (MissingMethodException): the mock answers 404 and
    /// names the API's own OpenAPI contract instead.
    /// </summary>
    public const string WireMockSwaggerPath = "/__admin/mappings/swagger";

    private static readonly byte[] SwaggerUnavailable = Encoding.UTF8.GetBytes(
        $"{{\"Status\":\"{WireMockSwaggerPath} is not available in this mock; the API's OpenAPI contract is at {Frontend.Docs.DocsEndpoints.ContractRoute}.\"}}");

    private static readonly byte[] Healthy = "Healthy"u8.ToArray();
    private readonly AdminCredentials _credentials = new(options);

    /// <summary>
    /// Answers the request when it is one of ours, or refuses it (401) when admin credentials are configured
    /// and missing or wrong, for every admin path; false lets it go on to WireMock.
    /// </summary>
    public async ValueTask<bool> TryHandleAsync(HttpContext context, string path)
    {
        if (path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(context.Request.Method))
        {
            var problem = control.StoreProblem;
            context.Response.StatusCode = problem is null ? 200 : 503;
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(problem is null ? Healthy : Encoding.UTF8.GetBytes($"Unhealthy: {problem}"), context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (!options.AdminEnabled) return false;
        if (!_credentials.Accept(context.Request.Headers.Authorization.ToString()))
        {
            await AdminCredentials.RefuseAsync(context).ConfigureAwait(false);
            return true;
        }
        if (await flow.TryHandleAsync(context, path).ConfigureAwait(false)) return true;
        if (path.Equals(WireMockSwaggerPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(SwaggerUnavailable, context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        var isReset = path.Equals(ResetPath, StringComparison.OrdinalIgnoreCase);
        if (!isReset && !path.Equals(JournalPath, StringComparison.OrdinalIgnoreCase)) return false;

        if (isReset)
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.StatusCode = 405;
                context.Response.Headers.Allow = "POST";
                return true;
            }
            try
            {
                control.Reset();
            }
            catch (StoreUnavailableException e)
            {
                context.Response.StatusCode = 503;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes($"{{\"Status\":\"{JsonEncodedText.Encode("Not reset: " + e.Message)}\"}}"), context.RequestAborted).ConfigureAwait(false);
                return true;
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync("{\"Status\":\"Reset to the seed; user stubs removed\"}"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (HttpMethods.IsDelete(context.Request.Method))
        {
            journal.Clear();
            context.Response.StatusCode = 200;
            return true;
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = 405;
            context.Response.Headers.Allow = "GET, DELETE";
            return true;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(JournalJson(), context.RequestAborted).ConfigureAwait(false);
        return true;
    }

    private byte[] JournalJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("capacity", journal.Capacity);
            writer.WriteNumber("recorded", journal.Recorded);
            writer.WriteStartArray("entries");
            foreach (var entry in journal.Snapshot())
            {
                writer.WriteStartObject();
                writer.WriteString("time", entry.Time);
                if (entry.RequestId is null) writer.WriteNull("requestId");
                else writer.WriteString("requestId", entry.RequestId);
                writer.WriteString("method", entry.Method);
                writer.WriteString("path", entry.Path);
                writer.WriteNumber("status", entry.Status);
                if (entry.Credential is null) writer.WriteNull("credential");
                else writer.WriteString("credential", entry.Credential);
                writer.WriteNumber("durationMs", Math.Round(entry.DurationMs, 3));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
