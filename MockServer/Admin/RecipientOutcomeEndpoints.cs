using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Flow;

namespace TwoFactorContracts.MockServer.Admin;

/// <summary>
/// The admin switch of a recipient's send outcome (mapped in <see cref="AdminRoutes"/>, behind the admin credentials
/// like the fixed PINs): <c>GET /__admin/mock/recipients</c> (the outcomes set, and the contract's reserved test
/// numbers, and the values a PUT takes), <c>GET|PUT|DELETE /__admin/mock/recipients/{to}</c> with <c>{"ncStatus": …, "smsStatus": …,
/// "callStatus": …}</c>. The values must be ones the contract documents (<see cref="DocumentedOutcomes"/>); bad input
/// answers 400 in the API's envelope. <c>{to}</c> is the recipient exactly as a send names it (a number or an address).
/// </summary>
internal sealed class RecipientOutcomeEndpoints(PinFlow flow)
{
    public const string RecipientsPath = "/__admin/mock/recipients";
    public const string RecipientPath = RecipientsPath + "/{to}";

    /// <summary>Longest recipient taken: an email address's longest path (RFC 5321), so the switch serves every channel's <c>to</c>.</summary>
    private const int MaxRecipientLength = 254;

    private const string Example = "{\"ncStatus\":\"NC_DESTINATION_NOT_REACHABLE\"}";
    private static readonly string[] Members = ["ncStatus", "smsStatus", "callStatus"];

    private RecipientOutcomes Outcomes => flow.Outcomes;

    public Task ListAsync(HttpContext context) =>
        FlowAdminEndpoints.WriteAsync(context, 200, w =>
        {
            w.WriteStartObject("byRecipient");
            foreach (var (to, outcome) in Outcomes.Snapshot()) Write(w, to, outcome);
            w.WriteEndObject();
            w.WriteStartObject("reserved");
            foreach (var (to, outcome) in Outcomes.Reserved.OrderBy(r => r.Key, StringComparer.Ordinal)) Write(w, to, outcome);
            w.WriteEndObject();
            // What a PUT takes: the values the contract documents (the /outbox page offers them).
            w.WriteStartObject("documented");
            WriteList(w, "ncStatus", Outcomes.Documented.NcStatuses);
            WriteList(w, "smsStatus", Outcomes.Documented.SmsStatuses);
            WriteList(w, "callStatus", Outcomes.Documented.CallStatuses);
            w.WriteEndObject();
        });

    /// <summary>What a send to <paramref name="to"/> answers now: 200 with where it comes from, or 404 when it is delivered as usual.</summary>
    public async Task GetAsync(HttpContext context, string to)
    {
        if (!FlowAdminEndpoints.ValidRecipient(to, MaxRecipientLength)) { await BadRecipientAsync(context).ConfigureAwait(false); return; }
        var set = Outcomes.SetFor(to);
        if ((set ?? Outcomes.Reserved.GetValueOrDefault(to)) is not { } outcome)
        {
            await FlowAdminEndpoints.ErrorAsync(context, new FlowAdminError(404, "NOT_FOUND", $"No outcome for {to}: a send to it is delivered.")).ConfigureAwait(false);
            return;
        }
        await AnswerAsync(context, to, outcome, set is null ? "reserved" : "admin").ConfigureAwait(false);
    }

    /// <summary>Gives <paramref name="to"/> the outcome of the body; an outcome set here wins over a reserved number's.</summary>
    public async Task SetAsync(HttpContext context, string to)
    {
        if (!FlowAdminEndpoints.ValidRecipient(to, MaxRecipientLength)) { await BadRecipientAsync(context).ConfigureAwait(false); return; }
        var (body, problem) = await FlowAdminEndpoints.ReadObjectAsync(context, Example).ConfigureAwait(false);
        SendOutcome? outcome = null;
        if (problem is null) problem = Member(body, "ncStatus", out var nc) ?? Member(body, "smsStatus", out var sms) ?? Member(body, "callStatus", out var call)
            ?? Unknown(body) ?? Read(nc, sms, call, out outcome);
        if (problem is null && !Outcomes.Set(to, outcome!))
            problem = $"At most {RecipientOutcomes.Capacity} recipients have an outcome; DELETE some first.";
        if (problem is not null) { await FlowAdminEndpoints.BadRequestAsync(context, problem).ConfigureAwait(false); return; }
        await AnswerAsync(context, to, outcome!, "admin").ConfigureAwait(false);
    }

    /// <summary>Forgets the outcome set for <paramref name="to"/>: 204, or 404 when none was set (a reserved number keeps its own).</summary>
    public async Task RemoveAsync(HttpContext context, string to)
    {
        if (!FlowAdminEndpoints.ValidRecipient(to, MaxRecipientLength)) { await BadRecipientAsync(context).ConfigureAwait(false); return; }
        if (Outcomes.Remove(to)) { context.Response.StatusCode = 204; return; }
        var text = Outcomes.Reserved.ContainsKey(to)
            ? $"No outcome was set for {to}; it is a reserved test number of the contract, whose outcome stays (PUT another to override it)."
            : $"No outcome was set for {to}.";
        await FlowAdminEndpoints.ErrorAsync(context, new FlowAdminError(404, "NOT_FOUND", text)).ConfigureAwait(false);
    }

    private string? Read(string? nc, string? sms, string? call, out SendOutcome? outcome)
    {
        outcome = Outcomes.Documented.Read(nc, sms, call, out var problem);
        return problem;
    }

    /// <summary>A member that, when present, is a string (null: left out).</summary>
    private static string? Member(JsonElement body, string name, out string? value)
    {
        value = null;
        if (!body.TryGetProperty(name, out var member) || member.ValueKind == JsonValueKind.Null) return null;
        if (member.ValueKind != JsonValueKind.String) return $"{name} must be a string, e.g. {Example}.";
        value = member.GetString();
        return null;
    }

    private static string? Unknown(JsonElement body) =>
        body.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !Members.Contains(n)) is { } unknown
            ? $"Unknown member {unknown}: the body takes ncStatus, smsStatus and callStatus."
            : null;

    private static Task AnswerAsync(HttpContext context, string to, SendOutcome outcome, string source) =>
        FlowAdminEndpoints.WriteAsync(context, 200, w =>
        {
            w.WriteString("to", to);
            WriteStatuses(w, outcome);
            w.WriteString("source", source);
        });

    private static void Write(Utf8JsonWriter w, string to, SendOutcome outcome)
    {
        w.WriteStartObject(to);
        WriteStatuses(w, outcome);
        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WriteStatuses(Utf8JsonWriter w, SendOutcome outcome)
    {
        if (outcome.NcStatus is not null) w.WriteString("ncStatus", outcome.NcStatus);
        if (outcome.SmsStatus is not null) w.WriteString("smsStatus", outcome.SmsStatus);
        if (outcome.CallStatus is not null) w.WriteString("callStatus", outcome.CallStatus);
    }

    private static Task BadRecipientAsync(HttpContext context) =>
        FlowAdminEndpoints.BadRequestAsync(context, $"The recipient in {RecipientPath} must be 1-{MaxRecipientLength} characters without spaces, '/' or '%'.");
}
