using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ContractTests;

/// <summary>
/// Issue 15, section 1: the contract describes the message templates and the PIN flow beside the applications,
/// with the envelope statuses every operation has, XML both ways, and the decisions where Infobip's documents are silent.
/// </summary>
public class PinFlowContractTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    [Fact]
    public void Describes_the_templates_and_the_pin_flow_under_their_own_tags()
    {
        Contract.AllOperations.Where(o => o.Tag != ContractDocument.ApplicationsTag)
            .Select(o => $"{o.Tag}: {o.Method} {o.PathTemplate} {o.OperationId}").ShouldBe(
        [
            "Message templates: GET /2fa/2/applications/{applicationId}/messages listMessageTemplates",
            "Message templates: GET /2fa/2/applications/{applicationId}/messages/{messageId} getMessageTemplate",
            "Message templates: POST /2fa/2/applications/{applicationId}/messages createMessageTemplate",
            "Message templates: PUT /2fa/2/applications/{applicationId}/messages/{messageId} updateMessageTemplate",
            "Message templates: POST /2fa/2/applications/{applicationId}/email/messages createEmailMessageTemplate",
            "Message templates: PUT /2fa/2/applications/{applicationId}/email/messages/{messageId} updateEmailMessageTemplate",
            "PIN flow: POST /2fa/2/pin/email sendPinOverEmail",
            "PIN flow: POST /2fa/2/pin/{pinId}/resend/email resendPinOverEmail",
            "PIN flow: GET /2fa/2/applications/{applicationId}/verifications getVerificationStatus",
            "PIN flow: POST /2fa/2/pin sendPinOverSms",
            "PIN flow: POST /2fa/2/pin/voice sendPinOverVoice",
            "PIN flow: POST /2fa/2/pin/{pinId}/resend resendPinOverSms",
            "PIN flow: POST /2fa/2/pin/{pinId}/resend/voice resendPinOverVoice",
            "PIN flow: POST /2fa/2/pin/{pinId}/verify verifyPin",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Operations_still_means_the_four_application_operations()
    {
        Contract.Operations.ShouldAllBe(o => o.Tag == ContractDocument.ApplicationsTag);
        Contract.Operations.Count.ShouldBe(4);
        Contract.Cases.ShouldAllBe(c => c.Operation.Tag == ContractDocument.ApplicationsTag);
        Contract.Operation("verifyPin").Tag.ShouldBe("PIN flow");
        // The field model is the application's, not the first schema of the document's other operations.
        Contract.Fields.All.ShouldNotContain(f => f.JsonName == "messageText" || f.JsonName == "pin");
    }

    [Fact]
    public void A_contract_from_before_the_pin_flow_still_reads_its_application_operations()
    {
        // Such contracts tagged the four operations "applications".
        var old = Path.Combine(Path.GetTempPath(), $"tfc-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(old, File.ReadAllText(ContractDocument.DefaultPath)
                .Replace("tags: [Applications]", "tags: [applications]").Replace("- name: Applications", "- name: applications"));
            var contract = ContractDocument.Load(old);
            contract.Operations.Select(o => o.OperationId).ShouldBe(Contract.Operations.Select(o => o.OperationId));
            contract.Fields.IdField.ShouldBe("applicationId");
        }
        finally
        {
            File.Delete(old);
        }
    }

    public static TheoryData<string> PinFlowOperations() =>
        new(Contract.AllOperations.Where(o => o.Tag != ContractDocument.ApplicationsTag).Select(o => o.OperationId));

    [Theory]
    [MemberData(nameof(PinFlowOperations))]
    public void Documents_the_envelope_statuses_with_json_and_xml_examples(string operationId)
    {
        var operation = Contract.Operation(operationId);
        var statuses = operation.Responses.Select(r => r.Status).ToList();
        statuses.ShouldContain(200);
        int[] envelope = operation.HasRequestBody ? [401, 403, 405, 406, 413, 415, 429, 500] : [401, 403, 405, 406, 429, 500];
        foreach (var status in envelope) statuses.ShouldContain(status, $"{operationId} documents no {status}");
        foreach (var response in operation.Responses)
        {
            response.Examples.ShouldContain(e => e.Format == BodyFormat.Json, $"{operationId} {response.Status}");
            if (response.Status != 406) response.Examples.ShouldContain(e => e.Format == BodyFormat.Xml, $"{operationId} {response.Status}");
        }
        operation.FindResponseExample(ContractOperation.FallbackExample, BodyFormat.Json).ShouldNotBeNull("the mock's default answer");
        operation.FindResponseExample(ContractOperation.FallbackExample, BodyFormat.Xml).ShouldNotBeNull("the mock's default answer");
    }

    [Theory]
    [InlineData("sendPinOverSms", "methodNotAllowed", "Allowed methods: POST")]
    [InlineData("getVerificationStatus", "methodNotAllowed", "Allowed methods: GET")]
    [InlineData("getMessageTemplate", "methodNotAllowed", "Allowed methods: GET, PUT")]
    [InlineData("listMessageTemplates", "methodNotAllowed", "Allowed methods: GET, POST")]
    public void A_405_names_the_methods_the_path_takes(string operationId, string example, string allowed)
    {
        var operation = Contract.Operation(operationId);
        operation.FindResponseExample(example, BodyFormat.Json)!.Text.ShouldContain(allowed);
        operation.PathMethods.Order().ShouldBe(allowed["Allowed methods: ".Length..].Split(", ").Order());
    }

    [Theory]
    [InlineData("sendPinOverSms", 429, "sendLimitPerApplication", "TOO_MANY_REQUESTS", "Too many PIN requests for this application.")]
    [InlineData("resendPinOverVoice", 429, "sendLimitPerPhoneNumber", "TOO_MANY_REQUESTS", "Too many PIN requests for this phone number.")]
    [InlineData("verifyPin", 429, "verifyLimit", "TOO_MANY_REQUESTS", "Too many verification requests for this phone number.")]
    [InlineData("sendPinOverVoice", 400, "applicationDisabled", "BAD_REQUEST", "Application is disabled.")]
    [InlineData("resendPinOverSms", 400, "applicationDisabled", "BAD_REQUEST", "Application is disabled.")]
    [InlineData("getMessageTemplate", 404, "templateNotFound", "NOT_FOUND", "Message template not found.")]
    [InlineData("sendPinOverSms", 404, "templateNotFound", "NOT_FOUND", "Message template not found.")]
    [InlineData("verifyPin", 404, "pinNotFound", "NOT_FOUND", "PIN not found.")]
    [InlineData("createMessageTemplate", 404, "applicationNotFound", "APPLICATION_NOT_FOUND", "Application with given id cannot be found.")]
    public void Documents_the_decisions_where_infobip_is_silent(string operationId, int status, string example, string messageId, string text)
    {
        var operation = Contract.Operation(operationId);
        foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var body = operation.FindResponseExample(example, format)!;
            body.Status.ShouldBe(status);
            var error = format == BodyFormat.Xml ? operation.ResponseSchema(status, format).XmlToJson(body.Text) : JsonNode.Parse(body.Text)!;
            error["requestError"]!["serviceException"]!["messageId"]!.GetValue<string>().ShouldBe(messageId);
            error["requestError"]!["serviceException"]!["text"]!.GetValue<string>().ShouldBe(text);
        }
    }

    [Theory]
    [InlineData("basic", true, null, 0)]
    [InlineData("wrongPin", false, "WRONG_PIN", 9)]
    [InlineData("noMoreAttempts", false, "NO_MORE_PIN_ATTEMPTS", 0)]
    [InlineData("expired", false, "TTL_EXPIRED", 10)]
    [InlineData("alreadyVerified", false, "NO_MORE_PIN_ATTEMPTS", 0)]
    public void Documents_each_verify_outcome_in_json_and_xml_alike(string example, bool verified, string? pinError, int attemptsRemaining)
    {
        var verify = Contract.Operation("verifyPin");
        var json = JsonNode.Parse(verify.FindResponseExample(example, BodyFormat.Json)!.Text)!;
        var xml = verify.ResponseSchema(200, BodyFormat.Xml).XmlToJson(verify.FindResponseExample(example, BodyFormat.Xml)!.Text);
        JsonNode.DeepEquals(json, xml).ShouldBeTrue($"{json.ToJsonString()} vs {xml.ToJsonString()}");
        json["verified"]!.GetValue<bool>().ShouldBe(verified);
        json["pinError"]?.GetValue<string>().ShouldBe(pinError);
        json["attemptsRemaining"]!.GetValue<int>().ShouldBe(attemptsRemaining);
    }

    [Fact]
    public void Reads_the_xml_lists_through_their_item_names()
    {
        var list = Contract.Operation("listMessageTemplates");
        var templates = list.ResponseSchema(200, BodyFormat.Xml).XmlToJson(list.FindResponseExample("basic", BodyFormat.Xml)!.Text).AsArray();
        list.ResponseSchema(200, BodyFormat.Xml).XmlRootNames.ShouldBe(["Messages"]);
        templates.Count.ShouldBe(3);
        templates[1]!["speechRate"]!.GetValue<double>().ShouldBe(0.8);
        templates[2]!["emailTemplateId"]!.GetValue<long>().ShouldBe(1234, "an email template beside the SMS and voice ones");
        JsonNode.DeepEquals(templates, JsonNode.Parse(list.FindResponseExample("basic", BodyFormat.Json)!.Text)).ShouldBeTrue();

        var status = Contract.Operation("getVerificationStatus");
        var verifications = status.ResponseSchema(200, BodyFormat.Xml).XmlToJson(status.FindResponseExample("basic", BodyFormat.Xml)!.Text);
        JsonNode.DeepEquals(verifications, JsonNode.Parse(status.FindResponseExample("basic", BodyFormat.Json)!.Text)).ShouldBeTrue();
        verifications["verifications"]![1]!.AsObject().ContainsKey("verifiedAt").ShouldBeFalse("not verified: no verifiedAt");
    }

    [Fact]
    public void A_request_body_has_the_xml_root_of_its_schema()
    {
        var verify = Contract.Operation("verifyPin").RequestSchema(BodyFormat.Xml);
        verify.XmlRootNames.ShouldBe(["VerifyPinRequest"]);
        verify.Validate("<request><pin>1234</pin></request>").ShouldContain(p => p.Contains("root element"));
        // A template request has today's document's root; the old <message> is read too (x-xml-accepted-roots).
        Contract.Operation("createMessageTemplate").RequestSchema(BodyFormat.Xml).XmlRootNames.ShouldBe(["CreateSmsOrVoiceMessageRequest", "message"]);
        Contract.Operation("updateMessageTemplate").RequestSchema(BodyFormat.Xml).XmlRootNames.ShouldBe(["UpdateSmsOrVoiceMessageRequest", "message"]);
        Contract.Operation("updateMessageTemplate").RequestSchema(BodyFormat.Xml).Validate("<message><pinLength>6</pinLength></message>").ShouldBeEmpty();
        Contract.Operation("sendPinOverVoice").RequestSchema(BodyFormat.Xml).XmlRootNames.ShouldBe(["StartAuthenticationRequest"]);
        // The application request keeps both spellings, the seed's and today's.
        Contract.Operation("createApplication").RequestSchema(BodyFormat.Xml).XmlRootNames.ShouldBe(["request", "ApplicationRequest"]);
    }

    [Theory]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"HEX"}""", true)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"NUMERIC","pinLength":50,"language":"pt_br","speechRate":0.5}""", true)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"NUMERIC","language":"no"}""", true)]
    [InlineData("""{"messageText":"Code","pinType":"NUMERIC"}""", false)]
    [InlineData("""{"messageText":"Code {{pin}}"}""", false)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"DIGITS"}""", false)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"NUMERIC","pinLength":0}""", false)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"NUMERIC","pinLength":51}""", false)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"NUMERIC","speechRate":2.5}""", false)]
    [InlineData("""{"messageText":"Code {{pin}}","pinType":"NUMERIC","language":"xx"}""", false)]
    public void A_template_request_follows_the_documented_rules(string body, bool valid)
    {
        var problems = Contract.Operation("createMessageTemplate").RequestSchema(BodyFormat.Json).Validate(body);
        (problems.Count == 0).ShouldBe(valid, string.Join("; ", problems));
    }

    [Theory]
    [InlineData("""{"applicationId":"A","messageId":"M","to":"447700900123","placeholders":{"firstName":"Ada"}}""", true)]
    [InlineData("""{"applicationId":"A","messageId":"M","to":"+447700900123"}""", false)]
    [InlineData("""{"applicationId":"A","messageId":"M","to":"1234567890123456"}""", false)]
    [InlineData("""{"applicationId":"A","to":"447700900123"}""", false)]
    [InlineData("""{"applicationId":"A","messageId":"M","to":"447700900123","placeholders":{"n":1}}""", false)]
    public void A_send_request_follows_the_documented_rules(string body, bool valid)
    {
        var problems = Contract.Operation("sendPinOverSms").RequestSchema(BodyFormat.Json).Validate(body);
        (problems.Count == 0).ShouldBe(valid, string.Join("; ", problems));
    }

    [Theory]
    [InlineData("createMessageTemplate", """{"messageText":"Code {{pin}}","pinType":"HEX","pinLength":null,"language":null,"senderId":null,"repeatDTMF":null,"speechRate":null,"voiceName":null}""")]
    [InlineData("sendPinOverVoice", """{"applicationId":"A","messageId":"M","to":"447700900123","from":null,"placeholders":null}""")]
    [InlineData("resendPinOverSms", """{"placeholders":null}""")]
    public void Null_for_an_optional_field_conforms_as_left_out(string operationId, string body)
    {
        // What the generated C# client sends for a property it was not given.
        var problems = Contract.Operation(operationId).RequestSchema(BodyFormat.Json).Validate(body);
        problems.ShouldBeEmpty(string.Join("; ", problems));
    }

    [Fact]
    public void Null_for_a_required_field_does_not_conform()
    {
        Contract.Operation("createMessageTemplate").RequestSchema(BodyFormat.Json)
            .Validate("""{"messageText":null,"pinType":"HEX"}""").ShouldNotBeEmpty();
        Contract.Operation("verifyPin").RequestSchema(BodyFormat.Json).Validate("""{"pin":null}""").ShouldNotBeEmpty();
    }

    [Fact]
    public void A_resend_may_leave_out_its_body_and_sends_xml_placeholders_as_elements()
    {
        var resend = Contract.Operation("resendPinOverSms");
        resend.RequestSchema(BodyFormat.Json).Validate("{}").ShouldBeEmpty();
        var json = resend.RequestSchema(BodyFormat.Xml).XmlToJson(resend.FindRequestExample("basic", BodyFormat.Xml)!.Text);
        json["placeholders"]!["firstName"]!.GetValue<string>().ShouldBe("Ada");
    }
}
