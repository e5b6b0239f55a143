using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Http;
using TwoFactorContracts.MockServer.Responses;

namespace TwoFactorContracts.MockServer.Admin;

/// <summary>
/// The handlers of the PIN flow's admin URLs (mapped in <see cref="AdminRoutes"/>, behind the same admin credentials
/// as the journal): <c>GET|DELETE /__admin/mock/outbox</c> (filters <c>to</c>, <c>applicationId</c>,
/// <c>pinId</c>; <c>after</c> and <c>limit</c> for polling), <c>GET|POST /__admin/mock/clock</c> (<c>{"advance":"15m"}</c>), <c>GET /__admin/mock/fixed-pins</c>
/// and <c>PUT|DELETE /__admin/mock/fixed-pins/{to}</c> (<c>{"pin":"1234"}</c>). Bad input: 400 in the API's envelope.
/// </summary>
internal sealed class FlowAdminEndpoints(PinFlow flow)
{
    public const string OutboxPath = "/__admin/mock/outbox";
    public const string ClockPath = "/__admin/mock/clock";
    public const string FixedPinsPath = "/__admin/mock/fixed-pins";
    public const string FixedPinPath = FixedPinsPath + "/{to}";

    /// <summary>Largest admin body read (a clock advance or a PIN is a few bytes).</summary>
    private const int MaxBodyBytes = 4096;

    /// <summary>Longest recipient taken in a fixed-pins path.</summary>
    private const int MaxRecipientLength = 64;

    /// <summary>Empties the outbox and answers it (empty).</summary>
    public Task ClearOutboxAsync(HttpContext context)
    {
        flow.Outbox.Clear();
        return WriteOutboxAsync(context, flow.Outbox.Read());
    }

    public async Task OutboxAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!TryReadWhole(query["after"], 0, long.MaxValue, out var after))
        {
            await BadRequestAsync(context, "after must be a whole number of 0 or more: the sequence of the last message you have.").ConfigureAwait(false);
            return;
        }
        if (!TryReadWhole(query["limit"], 1, flow.Outbox.Capacity, out var limit))
        {
            await BadRequestAsync(context, $"limit must be a whole number from 1 to {flow.Outbox.Capacity}.").ConfigureAwait(false);
            return;
        }
        var read = flow.Outbox.Read(Filter(query["to"]), Filter(query["applicationId"]), Filter(query["pinId"]),
            after ?? 0, limit is null ? null : (int)limit);
        await WriteOutboxAsync(context, read).ConfigureAwait(false);
    }

    private static Task WriteOutboxAsync(HttpContext context, OutboxRead read) => WriteAsync(context, 200, w =>
    {
        w.WriteStartArray("messages");
        foreach (var m in read.Messages)
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", m.Sequence);
            w.WriteString("channel", m.Channel.ToString().ToLowerInvariant()); // sms, voice, email
            w.WriteString("to", m.To);
            if (m.From is not null) w.WriteString("from", m.From);
            w.WriteString("text", m.Text);
            w.WriteString("pin", m.Pin);
            w.WriteString("pinId", m.PinId);
            w.WriteString("applicationId", m.ApplicationId);
            w.WriteString("messageId", m.MessageId);
            w.WriteString("sentAt", Iso(m.SentAtMillis));
            w.WriteNumber("sentAtMillis", m.SentAtMillis);
            // Whether it went out, and what the send answered (a recipient's outcome may keep it from going out).
            w.WriteBoolean("sent", m.Sent);
            if (m.Status is not null) w.WriteString("status", m.Status);
            if (m.NcStatus is not null) w.WriteString("ncStatus", m.NcStatus);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("latest", read.Latest);
        w.WriteNumber("oldest", read.Oldest);
        w.WriteNumber("total", read.Total);
    });

    /// <summary>An optional whole-number query parameter within bounds; absent or empty is null.</summary>
    private static bool TryReadWhole(Microsoft.Extensions.Primitives.StringValues value, long min, long max, out long? number)
    {
        number = null;
        if (Filter(value) is not { } text) return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max) return false;
        number = parsed;
        return true;
    }

    /// <summary>Moves the clock ahead by <c>{"advance":"15m"}</c> and answers it as <see cref="ClockAsync"/>.</summary>
    public async Task AdvanceClockAsync(HttpContext context)
    {
        var (body, problem) = await ReadObjectAsync(context, "{\"advance\":\"15m\"}").ConfigureAwait(false);
        if (problem is null)
        {
            var advance = body.TryGetProperty("advance", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (!FlowClock.TryParseAdvance(advance, out var milliseconds, out problem))
                problem = body.TryGetProperty("advance", out _) ? problem : "advance is required, e.g. {\"advance\":\"15m\"}.";
            else if (milliseconds > FlowClock.MaxOffsetMillis - flow.Clock.OffsetMillis)
                problem = $"the clock moves at most {Duration.Format(FlowClock.MaxOffsetMillis)} ahead in total; reset it with POST /__admin/reset.";
            else flow.Clock.Advance(milliseconds);
        }
        if (problem is not null) { await BadRequestAsync(context, problem).ConfigureAwait(false); return; }
        await ClockAsync(context).ConfigureAwait(false);
    }

    public Task ClockAsync(HttpContext context)
    {
        var now = flow.Clock.NowMillis;
        var offset = flow.Clock.OffsetMillis;
        return WriteAsync(context, 200, w =>
        {
            w.WriteString("now", Iso(now));
            w.WriteNumber("epochMillis", now);
            w.WriteString("mode", flow.Clock.Mode == ClockMode.Manual ? "manual" : "system");
            w.WriteString("offset", offset == 0 ? "0s" : Duration.Format(offset));
        });
    }

    public Task FixedPinsAsync(HttpContext context) =>
        WriteAsync(context, 200, w =>
        {
            if (flow.FixedPins.Global is { } global) w.WriteString("global", global);
            else w.WriteNull("global");
            w.WriteStartObject("byRecipient");
            foreach (var (to, pin) in flow.FixedPins.Snapshot()) w.WriteString(to, pin);
            w.WriteEndObject();
        });

    /// <summary>Forgets <paramref name="to"/>'s fixed PIN: 204, or 404 when it has none.</summary>
    public async Task RemoveFixedPinAsync(HttpContext context, string to)
    {
        if (!ValidRecipient(to)) { await BadRecipientAsync(context).ConfigureAwait(false); return; }
        if (flow.FixedPins.Remove(to)) { context.Response.StatusCode = 204; return; }
        await ErrorAsync(context, new FlowAdminError(404, "NOT_FOUND", $"No fixed PIN for {to}.")).ConfigureAwait(false);
    }

    /// <summary>Gives <paramref name="to"/> the fixed PIN <c>{"pin":"1234"}</c>.</summary>
    public async Task SetFixedPinAsync(HttpContext context, string to)
    {
        if (!ValidRecipient(to)) { await BadRecipientAsync(context).ConfigureAwait(false); return; }
        var (body, problem) = await ReadObjectAsync(context, "{\"pin\":\"1234\"}").ConfigureAwait(false);
        string? pin = null;
        if (problem is null)
        {
            pin = body.TryGetProperty("pin", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            problem = pin is null ? "pin is required as a string, e.g. {\"pin\":\"1234\"}." : FixedPins.Problem(pin);
        }
        if (problem is null && !flow.FixedPins.Set(to, pin!))
            problem = $"At most {FixedPins.Capacity} recipients have a fixed PIN; DELETE some first.";
        if (problem is not null) { await BadRequestAsync(context, problem).ConfigureAwait(false); return; }
        await WriteAsync(context, 200, w =>
        {
            w.WriteString("to", to);
            w.WriteString("pin", pin);
        }).ConfigureAwait(false);
    }

    internal static bool ValidRecipient(string to, int maxLength = MaxRecipientLength) =>
        to.Length > 0 && to.Length <= maxLength && !to.Contains('/') && !to.Contains('%') && !to.Any(char.IsWhiteSpace);

    private static Task BadRecipientAsync(HttpContext context) =>
        BadRequestAsync(context, $"The recipient in {FixedPinPath} must be 1-{MaxRecipientLength} characters without spaces, '/' or '%'.");

    /// <summary>Reads a small JSON object body; a problem for the user when it is not one.</summary>
    internal static async Task<(JsonElement Body, string? Problem)> ReadObjectAsync(HttpContext context, string example)
    {
        var notAnObject = $"The body must be a JSON object like {example}.";
        var buffer = new byte[MaxBodyBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await context.Request.Body.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false)) > 0)
            read += n;
        if (read > MaxBodyBytes) return (default, $"The body must be at most {MaxBodyBytes} bytes.");
        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, read));
            return document.RootElement.ValueKind == JsonValueKind.Object ? (document.RootElement.Clone(), null) : (default, notAnObject);
        }
        catch (JsonException)
        {
            return (default, notAnObject);
        }
    }

    private static string? Filter(Microsoft.Extensions.Primitives.StringValues value) => value.Count > 0 && value[0] is { Length: > 0 } text ? text : null;

    private static string Iso(long epochMillis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMillis).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static Task BadRequestAsync(HttpContext context, string text) => ErrorAsync(context, new FlowAdminError(400, "BAD_REQUEST", text));

    internal static Task ErrorAsync(HttpContext context, FlowAdminError error) =>
        HttpExchange.WriteAsync(context, new ApiResponse(error.Status, MediaType.Json, JsonBodies.Error(error)));

    /// <summary>Writes a JSON object whose members <paramref name="members"/> writes.</summary>
    internal static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return HttpExchange.WriteAsync(context, new ApiResponse(status, MediaType.Json, buffer.WrittenMemory));
    }
}

/// <summary>Bad input to a flow admin URL: the API's envelope with one clear text.</summary>
internal sealed class FlowAdminError(int status, string messageId, string text) : StageError(status, messageId, text);
