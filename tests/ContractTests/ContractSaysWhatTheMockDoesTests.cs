using TwoFactorContracts.Contract;

namespace ContractTests;

/// <summary>
/// Issue 12, section 2: what Schemathesis found the mock doing is what the contract says. JSON null and an
/// empty XML number or boolean element are "left out" (nullable); 405, 406, 413 and 415 are documented, each
/// with the envelope that causes it; the field table the mock runs on is read from the contract.
/// </summary>
public class ContractSaysWhatTheMockDoesTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    private static IReadOnlyList<string> Problems(string operationId, string body, BodyFormat format) =>
        Contract.Operation(operationId).RequestSchema(format).Validate(body, format);

    [Theory]
    [InlineData("createApplication")]
    [InlineData("updateApplication")]
    public void Null_for_an_optional_field_conforms(string operationId)
    {
        Problems(operationId, """
            {"name":"n","enabled":null,"configuration":{"pinAttempts":null,"allowMultiplePinVerifications":null,"pinTimeToLive":null,
             "verifyPinLimit":null,"sendPinPerApplicationLimit":null,"sendPinPerPhoneNumberLimit":null}}
            """, BodyFormat.Json).ShouldBeEmpty();
    }

    [Fact]
    public void Null_for_the_required_name_does_not_conform() =>
        Problems("createApplication", """{"name":null}""", BodyFormat.Json).ShouldNotBeEmpty();

    [Fact]
    public void An_empty_xml_number_or_boolean_element_conforms_as_left_out()
    {
        Problems("createApplication", "<request><name>n</name><enabled/><configuration><pinAttempts></pinAttempts><allowMultiplePinVerifications/></configuration></request>", BodyFormat.Xml)
            .ShouldBeEmpty();
        // An empty time is no time: still refused, by the contract as by the mock.
        Problems("createApplication", "<request><name>n</name><configuration><pinTimeToLive/></configuration></request>", BodyFormat.Xml)
            .ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("listApplications", "PATCH")]
    [InlineData("getApplication", "PATCH")]
    public void A_405_case_sends_a_method_its_path_does_not_take(string operationId, string method)
    {
        var c = Contract.Cases.Single(c => c.Id == $"{operationId}/methodNotAllowed/json");
        c.Method.ShouldBe(method);
        c.Operation.PathMethods.ShouldNotContain(method);
    }

    [Fact]
    public void Envelope_cases_say_what_to_send()
    {
        Contract.Cases.Single(c => c.Id == "listApplications/notAcceptable/json").Accept.ShouldBe(ContractCase.UnwritableMediaType);
        var unsupported = Contract.Cases.Single(c => c.Id == "createApplication/unsupportedMediaType/xml");
        unsupported.ContentType.ShouldBe(ContractCase.UnreadableMediaType);
        unsupported.ResponseExample.Text.ShouldContain($"'{ContractCase.UnreadableMediaType}'");
        Contract.Cases.Where(c => c.Statuses.Contains(413)).ShouldAllBe(c => c.NeedsNoRequestCause);
        Contract.Cases.Where(c => c.Name is "methodNotAllowed" or "notAcceptable" or "unsupportedMediaType").ShouldAllBe(c => c.CausedByEnvelope);
    }

    [Fact]
    public void The_field_table_holds_every_field_with_its_kind_default_and_bounds()
    {
        var fields = Contract.Fields;
        fields.All.Select(f => f.Path).ShouldBe([
            "name", "enabled", "configuration",
            "configuration.pinAttempts", "configuration.allowMultiplePinVerifications", "configuration.pinTimeToLive",
            "configuration.verifyPinLimit", "configuration.sendPinPerApplicationLimit", "configuration.sendPinPerPhoneNumberLimit",
            "applicationId", "processId"]);
        fields.IdField.ShouldBe("applicationId");
        fields["name"].Required.ShouldBeTrue();
        fields["name"].Nullable.ShouldBeFalse();
        fields["enabled"].Default.ShouldBe("true");
        var attempts = fields["configuration.pinAttempts"];
        (attempts.Kind, attempts.Default, attempts.Minimum, attempts.Nullable).ShouldBe((FieldKind.Int32, "10", (long?)1, true));
        fields["configuration.pinTimeToLive"].Kind.ShouldBe(FieldKind.Time);
        fields["configuration.verifyPinLimit"].Kind.ShouldBe(FieldKind.Limit);
        fields["configuration.verifyPinLimit"].Default.ShouldBe("1/3s");
        fields["processId"].InRequest.ShouldBeFalse();
        fields.All.Where(f => f.InResponse).OrderBy(f => f.ResponseOrder).Where(f => f.Parent is null).Select(f => f.JsonName)
            .ShouldBe(["applicationId", "name", "configuration", "enabled", "processId"]);
    }
}
