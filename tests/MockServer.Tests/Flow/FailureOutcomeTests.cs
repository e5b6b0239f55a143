using System.Net;
using System.Text.Json.Nodes;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;

namespace MockServer.Tests.Flow;

/// <summary>
/// The failure paths on demand: each outcome today's document names for an SMS send (the Number Lookup statuses and
/// MESSAGE_NOT_SENT), through each of the three ways in (Prefer, a reserved test number, the admin switch), for a
/// send and a resend, in JSON and XML; what a message that is not sent does to the PIN, the limits and the outbox.
/// </summary>
public sealed class FailureOutcomeTests(ManualClockFixture mock) : IClassFixture<ManualClockFixture>
{
    private const string Recipients = "/__admin/mock/recipients/";

    private static ContractSendOutcomes Documented => ContractDocument.Load().SendOutcomes;

    /// <summary>The example the contract documents for <paramref name="ncStatus"/>.</summary>
    private static string ExampleOf(string ncStatus) => Documented.Sms.Single(o => o.NcStatus == ncStatus).Example;

    // The document's outcomes, written out here as the oracle: after an unreachable status the SMS is not sent.
    [Theory]
    [InlineData("NC_DESTINATION_NOT_REACHABLE", "MESSAGE_NOT_SENT", false)]
    [InlineData("NC_DESTINATION_NOT_REACHABLE", "MESSAGE_NOT_SENT", true)]
    [InlineData("NC_NOT_REACHABLE", "MESSAGE_NOT_SENT", false)]
    [InlineData("NC_NOT_REACHABLE", "MESSAGE_NOT_SENT", true)]
    [InlineData("NC_DESTINATION_UNKNOWN", "MESSAGE_SENT", false)]
    [InlineData("NC_DESTINATION_UNKNOWN", "MESSAGE_SENT", true)]
    [InlineData("NC_NOT_CONFIGURED", "MESSAGE_SENT", false)]
    [InlineData("NC_NOT_CONFIGURED", "MESSAGE_SENT", true)]
    public async Task Each_outcome_answers_through_Prefer_a_reserved_number_and_the_admin_switch(string ncStatus, string smsStatus, bool xml)
    {
        var flow = mock.NewClient(xml);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        var example = ExampleOf(ncStatus);

        // 1. Prefer: the documented example, for a send and a resend.
        var prefer = new Dictionary<string, string> { ["Prefer"] = $"example={example}" };
        var pinId = await flow.SendAsync(app, template, FlowClient.NewNumber());
        foreach (var path in new[] { FlowClient.PinPath, $"{FlowClient.PinPath}/{pinId}/resend" })
        {
            var body = path == FlowClient.PinPath ? flow.Body("StartAuthenticationRequest", ("applicationId", app), ("messageId", template), ("to", "41793026727")) : null;
            var answered = await (await flow.Api.SendAsync(HttpMethod.Post, path, body, body is null ? null : Media(xml), Media(xml), prefer)).ShouldBeOk();
            ShouldAnswer(flow, answered, ncStatus, smsStatus, Documented.TestRecipientOf(example));
        }

        // 2. The reserved test number the contract publishes for it: the send and its resend.
        var reserved = Documented.TestRecipientOf(example).ShouldNotBeNull($"the contract reserves a test number for {example}");
        await SendAndResendShouldAnswerAsync(flow, app, template, reserved, ncStatus, smsStatus);

        // 3. The admin switch, for any recipient; deleted, the recipient is delivered again.
        var to = FlowClient.NewNumber();
        var set = await (await flow.Api.Http.PutAsync(Recipients + to, Json($$"""{"ncStatus":"{{ncStatus}}"}"""))).ShouldBeOk();
        JsonNode.Parse(set)!["smsStatus"]!.GetValue<string>().ShouldBe(smsStatus, "the SMS status the document gives with that ncStatus");
        await SendAndResendShouldAnswerAsync(flow, app, template, to, ncStatus, smsStatus);
        (await flow.Api.Http.DeleteAsync(Recipients + to)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        ShouldAnswer(flow, await (await flow.SendPinAsync(app, template, to)).ShouldBeOk(), "NC_DESTINATION_REACHABLE", "MESSAGE_SENT", to);
    }

    [Fact]
    public async Task A_send_that_is_not_sent_issues_a_pin_that_verifies_counts_towards_the_limits_and_is_marked_in_the_outbox()
    {
        var flow = mock.NewClient(xml: false);
        var app = await flow.CreateApplicationAsync(""" "sendPinPerPhoneNumberLimit":"3/1d" """);
        var template = await flow.CreateTemplateAsync(app);
        var to = FlowClient.NewNumber();
        await (await flow.Api.Http.PutAsync(Recipients + to, Json("""{"smsStatus":"MESSAGE_NOT_SENT"}"""))).ShouldBeOk();

        var sent = await (await flow.SendPinAsync(app, template, to)).ShouldBeOk();
        flow.Read(sent, "smsStatus").ShouldBe("MESSAGE_NOT_SENT");
        flow.Read(sent, "ncStatus").ShouldBe("NC_DESTINATION_NOT_REACHABLE", "the contract's first outcome with MESSAGE_NOT_SENT");
        var pinId = flow.Read(sent, "pinId").ShouldNotBeNull("a send that is not sent still issues its pinId");
        var recorded = (await flow.OutboxAsync(to)).ShouldHaveSingleItem()!;
        recorded["sent"]!.GetValue<bool>().ShouldBeFalse();
        recorded["status"]!.GetValue<string>().ShouldBe("MESSAGE_NOT_SENT");
        recorded["ncStatus"]!.GetValue<string>().ShouldBe("NC_DESTINATION_NOT_REACHABLE");
        await StatusShouldListAsync(flow, app, to, sent: false);

        // Counted: with 3 sends a day to this number, the resend is the second and a new send the third.
        flow.Read(await (await flow.ResendAsync(pinId)).ShouldBeOk(), "smsStatus").ShouldBe("MESSAGE_NOT_SENT");
        (await flow.Api.Http.DeleteAsync(Recipients + to)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var delivered = await (await flow.ResendAsync(pinId)).ShouldBeOk();
        flow.Read(delivered, "smsStatus").ShouldBe("MESSAGE_SENT", "once the number is reachable the resend delivers the same PIN");
        (await flow.SendPinAsync(app, template, to)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "the messages not sent counted");

        var messages = await flow.OutboxAsync(to);
        messages.Select(m => m!["sent"]!.GetValue<bool>()).ShouldBe([false, false, true]);
        messages.Select(m => m!["pin"]!.GetValue<string>()).Distinct().ShouldHaveSingleItem("a resend keeps the PIN");
        await StatusShouldListAsync(flow, app, to, sent: true);
        var (verified, _, error) = await flow.VerifyOkAsync(pinId, messages[0]!["pin"]!.GetValue<string>());
        verified.ShouldBeTrue();
        error.ShouldBeNull();
    }

    [Fact]
    public async Task Without_a_number_lookup_the_SMS_is_sent_whatever_the_number_and_a_call_is_placed_whatever_the_lookup_says()
    {
        var flow = mock.NewClient(xml: false);
        var app = await flow.CreateApplicationAsync();
        var template = await flow.CreateTemplateAsync(app);
        var unreachable = Documented.TestRecipientOf(ExampleOf("NC_DESTINATION_NOT_REACHABLE"))!;

        var unlooked = await (await flow.SendPinAsync(app, template, unreachable, query: "?ncNeeded=false")).ShouldBeOk();
        flow.Read(unlooked, "smsStatus").ShouldBe("MESSAGE_SENT");
        flow.Read(unlooked, "ncStatus").ShouldBeNull();
        var called = await (await flow.SendPinAsync(app, template, unreachable, voice: true)).ShouldBeOk();
        flow.Read(called, "callStatus").ShouldBe("PENDING_ACCEPTED");
        flow.Read(called, "smsStatus").ShouldBeNull();
        (await flow.OutboxAsync(unreachable)).TakeLast(2).ShouldAllBe(m => m!["sent"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("{}", "Give at least one of ncStatus, smsStatus and callStatus, e.g. {\"ncStatus\":\"NC_DESTINATION_NOT_REACHABLE\"}.")]
    [InlineData("""{"ncStatus":"NC_OFFLINE"}""", "ncStatus must be one of the values the contract documents: NC_DESTINATION_REACHABLE, NC_DESTINATION_NOT_REACHABLE, NC_DESTINATION_UNKNOWN, NC_NOT_CONFIGURED, NC_NOT_REACHABLE.")]
    [InlineData("""{"smsStatus":"MESSAGE_LOST"}""", "smsStatus must be one of the values the contract documents: MESSAGE_SENT, MESSAGE_NOT_SENT.")]
    [InlineData("""{"callStatus":"FAILED"}""", "callStatus must be one of the values the contract documents: PENDING_ACCEPTED.")]
    [InlineData("""{"ncStatus":"NC_DESTINATION_REACHABLE","smsStatus":"MESSAGE_NOT_SENT"}""", "ncStatus NC_DESTINATION_REACHABLE with smsStatus MESSAGE_NOT_SENT is not documented: after NC_DESTINATION_REACHABLE the SMS status is MESSAGE_SENT.")]
    [InlineData("""{"ncStatus":1}""", "ncStatus must be a string, e.g. {\"ncStatus\":\"NC_DESTINATION_NOT_REACHABLE\"}.")]
    [InlineData("""{"status":"x"}""", "Unknown member status: the body takes ncStatus, smsStatus and callStatus.")]
    [InlineData("[1]", "The body must be a JSON object like {\"ncStatus\":\"NC_DESTINATION_NOT_REACHABLE\"}.")]
    public async Task The_admin_switch_takes_only_what_the_contract_documents(string body, string text)
    {
        var to = FlowClient.NewNumber();
        var refused = await mock.NewClient(xml: false).Api.Http.PutAsync(Recipients + to, Json(body));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["requestError"]!["serviceException"]!;
        error["messageId"]!.GetValue<string>().ShouldBe("BAD_REQUEST");
        error["text"]!.GetValue<string>().ShouldBe(text);
        (await mock.NewClient(xml: false).Api.Http.GetAsync(Recipients + to)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "nothing was set");
    }

    [Fact]
    public async Task The_admin_switch_lists_reads_and_forgets_outcomes_keyed_by_any_recipient_and_keeps_the_reserved_numbers()
    {
        var http = mock.NewClient(xml: false).Api.Http;
        const string address = "ada+otp@example.com"; // a recipient of another channel: the key is the `to` as sent
        await (await http.PutAsync(Recipients + Uri.EscapeDataString(address), Json("""{"ncStatus":"NC_DESTINATION_UNKNOWN"}"""))).ShouldBeOk();
        var read = JsonNode.Parse(await (await http.GetAsync(Recipients + Uri.EscapeDataString(address))).ShouldBeOk())!;
        (read["to"]!.GetValue<string>(), read["ncStatus"]!.GetValue<string>(), read["smsStatus"]!.GetValue<string>(), read["source"]!.GetValue<string>())
            .ShouldBe((address, "NC_DESTINATION_UNKNOWN", "MESSAGE_SENT", "admin"));

        var list = JsonNode.Parse(await (await http.GetAsync("/__admin/mock/recipients")).ShouldBeOk())!;
        list["byRecipient"]![address]!["ncStatus"]!.GetValue<string>().ShouldBe("NC_DESTINATION_UNKNOWN");
        list["reserved"]!.AsObject().Select(r => r.Key).ShouldBe(Documented.TestRecipients.Keys, ignoreOrder: true);
        list["documented"]!["smsStatus"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["MESSAGE_SENT", "MESSAGE_NOT_SENT"]);

        var reserved = Documented.TestRecipients.Keys.First();
        JsonNode.Parse(await (await http.GetAsync(Recipients + reserved)).ShouldBeOk())!["source"]!.GetValue<string>().ShouldBe("reserved");
        var kept = await http.DeleteAsync(Recipients + reserved);
        kept.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await kept.Content.ReadAsStringAsync()).ShouldContain("reserved test number of the contract");
        (await http.DeleteAsync(Recipients + Uri.EscapeDataString(address))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await http.GetAsync(Recipients + Uri.EscapeDataString(address))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.PutAsync(Recipients + "a%2Fb", Json("""{"ncStatus":"NC_DESTINATION_UNKNOWN"}"""))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_reserved_numbers_lie_in_one_documented_range_that_no_other_example_uses()
    {
        var contract = ContractDocument.Load();
        var text = File.ReadAllText(contract.Path);
        Documented.TestRecipients.Keys.ShouldAllBe(to => to.StartsWith("4477009009", StringComparison.Ordinal) && to.Length == 12);
        foreach (var (to, outcome) in Documented.TestRecipients)
        {
            // Its own example names it; no example of another case does (a happy case cannot meet an outcome by chance).
            var examples = contract.AllOperations.SelectMany(o => o.RequestExamples.Concat(o.Responses.SelectMany(r => r.Examples)))
                .Where(e => e.Text.Contains(to, StringComparison.Ordinal)).Select(e => e.Name).Distinct();
            examples.ShouldBe([outcome.Example]);
            text.ShouldContain($"| {to} | {outcome.Example} | {outcome.NcStatus} | {outcome.SmsStatus} |", Case.Sensitive, "the description's table lists it");
        }
        Documented.Sms.Where(o => o.Example != ContractOperation.FallbackExample).Select(o => o.Example)
            .ShouldBe(Documented.TestRecipients.Values.Select(v => v.Example), ignoreOrder: true, "every failure outcome has its reserved number");
    }

    private static async Task SendAndResendShouldAnswerAsync(FlowClient flow, string app, string template, string to, string ncStatus, string smsStatus)
    {
        var sent = await (await flow.SendPinAsync(app, template, to)).ShouldBeOk();
        ShouldAnswer(flow, sent, ncStatus, smsStatus, to);
        ShouldAnswer(flow, await (await flow.ResendAsync(flow.Read(sent, "pinId")!)).ShouldBeOk(), ncStatus, smsStatus, to);
    }

    private static void ShouldAnswer(FlowClient flow, string body, string ncStatus, string smsStatus, string? to)
    {
        flow.Read(body, "ncStatus").ShouldBe(ncStatus);
        flow.Read(body, "smsStatus").ShouldBe(smsStatus);
        flow.Read(body, "pinId").ShouldNotBeNullOrEmpty();
        if (to is not null) flow.Read(body, "to").ShouldBe(to);
    }

    private static async Task StatusShouldListAsync(FlowClient flow, string app, string to, bool sent)
    {
        var listed = flow.Verifications(await (await flow.StatusAsync(app, $"?msisdn={to}&sent={(sent ? "true" : "false")}")).ShouldBeOk());
        listed.ShouldHaveSingleItem().Msisdn.ShouldBe(to);
        flow.Verifications(await (await flow.StatusAsync(app, $"?msisdn={to}&sent={(sent ? "false" : "true")}")).ShouldBeOk()).ShouldBeEmpty();
    }

    private static string Media(bool xml) => xml ? "application/xml" : "application/json";

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
