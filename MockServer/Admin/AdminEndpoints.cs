using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.State;
using TwoFactorContracts.MockServer.Stubbing;

namespace TwoFactorContracts.MockServer.Admin;

/// <summary>
/// The handlers of the admin URLs the mock adds beside WireMock's (mapped in <see cref="AdminRoutes"/>):
/// <c>GET /__admin/health</c> (always on, no credentials, for readiness probes), <c>POST /__admin/reset</c>
/// (WireMock.Net has no such URL), the API request journal <c>GET|DELETE /__admin/mock/journal</c> and WireMock.Net's
/// swagger of the mappings; the PIN flow's (outbox, clock, fixed PINs) are <see cref="FlowAdminEndpoints"/>.
/// </summary>
internal sealed class AdminEndpoints(RequestJournal journal, MockControl control)
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

    /// <summary>200 Healthy, or 503 naming the store's problem.</summary>
    public Task HealthAsync(HttpContext context)
    {
        var problem = control.StoreProblem;
        context.Response.StatusCode = problem is null ? 200 : 503;
        context.Response.ContentType = "text/plain";
        return context.Response.Body.WriteAsync(problem is null ? Healthy : Encoding.UTF8.GetBytes($"Unhealthy: {problem}"), context.RequestAborted).AsTask();
    }

    /// <summary>Back to the seed, user stubs removed; 503 when the store cannot be reset.</summary>
    public Task ResetAsync(HttpContext context)
    {
        try
        {
            control.Reset();
        }
        catch (StoreUnavailableException e)
        {
            return WriteJsonAsync(context, 503, Encoding.UTF8.GetBytes($"{{\"Status\":\"{JsonEncodedText.Encode("Not reset: " + e.Message)}\"}}"));
        }
        return WriteJsonAsync(context, 200, "{\"Status\":\"Reset to the seed; user stubs removed\"}"u8.ToArray());
    }

    public Task JournalAsync(HttpContext context) => WriteJsonAsync(context, 200, JournalJson());

    public Task ClearJournalAsync(HttpContext context)
    {
        journal.Clear();
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    /// <summary>404 naming the API's contract, for any method (see <see cref="WireMockSwaggerPath"/>).</summary>
    public static Task SwaggerUnavailableAsync(HttpContext context) => WriteJsonAsync(context, 404, SwaggerUnavailable);

    private static Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
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
