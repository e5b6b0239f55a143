using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ContractTests;

/// <summary>Every example of the contract conforms to its schema, and every example of the seed page is in the contract.</summary>
public class ContractExamplesTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public static TheoryData<string> ResponseExamples()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Contract.AllOperations)
            foreach (var response in operation.Responses)
                foreach (var example in response.Examples)
                    data.Add($"{operation.OperationId} {response.Status} {example.Name} {example.Format}");
        return data;
    }

    public static TheoryData<string> RequestExamples()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Contract.AllOperations)
            foreach (var example in operation.RequestExamples)
                data.Add($"{operation.OperationId} {example.Name} {example.Format}");
        return data;
    }

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void Response_example_conforms_to_its_schema(string key)
    {
        var (operationId, status, name, format) = ParseKey(key);
        var operation = Contract.Operation(operationId);
        var example = operation.Responses.Single(r => r.Status == status).Examples.Single(e => e.Name == name && e.Format == format);
        operation.ResponseSchema(status, format).Validate(example.Text).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(RequestExamples))]
    public void Request_example_conforms_to_its_schema_unless_it_documents_an_error(string key)
    {
        var parts = key.Split(' ');
        var operation = Contract.Operation(parts[0]);
        var example = operation.FindRequestExample(parts[1], Enum.Parse<BodyFormat>(parts[2]))!;
        var problems = operation.RequestSchema(example.Format).Validate(example.Text);
        var pairedStatus = operation.FindResponseExample(example.Name, example.Format)!.Status;
        if (pairedStatus == 400 && !CausedByState.Contains(example.Name))
            problems.ShouldNotBeEmpty("a request documented to cause a 400 must break the schema");
        else
            problems.ShouldBeEmpty();
    }

    /// <summary>400 cases a valid request causes through the server's state: a send to a disabled application, an email send with an SMS template.</summary>
    private static readonly string[] CausedByState = ["applicationDisabled", "notEmailTemplate"];

    [Fact]
    public void Every_json_example_of_the_seed_page_is_in_the_contract()
    {
        var contractJson = Contract.Operations
            .SelectMany(o => o.RequestExamples.Concat(o.Responses.SelectMany(r => r.Examples)))
            .Where(e => e.Format == BodyFormat.Json)
            .Select(e => JsonNode.Parse(e.Text))
            .ToList();
        SeedPage.JsonBlocks.Count.ShouldBe(13);
        foreach (var seed in SeedPage.JsonBlocks)
            contractJson.ShouldContain(c => JsonNode.DeepEquals(c, seed), $"missing from the contract: {seed.ToJsonString()}");
    }

    [Fact]
    public void Every_xml_example_of_the_seed_page_is_in_the_contract()
    {
        var contractXml = Contract.Operations
            .SelectMany(o => o.RequestExamples.Concat(o.Responses.SelectMany(r => r.Examples)))
            .Where(e => e.Format == BodyFormat.Xml)
            .Select(e => Canonical(e.Text))
            .ToList();
        SeedPage.XmlBlocks.Count.ShouldBe(6);
        foreach (var seed in SeedPage.XmlBlocks)
            contractXml.ShouldContain(Canonical(seed));
    }

    [Fact]
    public void Every_error_example_has_a_request_that_causes_it_or_is_caused_by_no_request()
    {
        var cases = Contract.AllOperations.SelectMany(o => o.Cases).ToList();
        foreach (var testCase in cases.Where(c => c.Statuses.Contains(400) || c.Statuses.Contains(404)))
            HasPartNamed(testCase).ShouldBeTrue($"{testCase.Id} needs a path, query or body example of its name");
        // The application operations' 400s come from the body and their 404s from the path, as the seed's do.
        foreach (var testCase in Contract.Cases.Where(c => c.Statuses.Contains(400)))
            testCase.RequestBody!.Name.ShouldBe(testCase.Name, $"{testCase.Id} needs a request example of its name");
        foreach (var testCase in Contract.Cases.Where(c => c.Statuses.Contains(404)))
            testCase.Operation.PathExamples.ShouldContainKey(testCase.Name, $"{testCase.Id} needs a path example of its name");
        cases.Where(c => c.Statuses.Any(s => s is 401 or 403 or 429 or 500)).ShouldAllBe(c => c.NeedsNoRequestCause);
    }

    [Fact]
    public void Every_pin_flow_answer_that_state_causes_names_a_documented_pin_in_that_state()
    {
        // verifyPin's outcomes other than basic and wrongPin come from the PIN's history, so each has a pinId of its own.
        var verify = Contract.Operation("verifyPin");
        foreach (var name in verify.Responses.Single(r => r.Status == 200).Examples.Select(e => e.Name).Distinct().Except(["basic", "wrongPin"]))
            verify.PathExamples.ShouldContainKey(name);
        verify.PathExamples.Values.ShouldBeUnique();
    }

    private static bool HasPartNamed(ContractCase c) =>
        c.RequestBody?.Name == c.Name
        || c.Operation.PathParameters.Any(p => p.Examples.ContainsKey(c.Name))
        || c.Operation.QueryParameters.Any(p => p.Examples.ContainsKey(c.Name));

    [Fact]
    public void Every_request_example_pairs_with_a_response_example_of_its_name()
    {
        foreach (var operation in Contract.AllOperations)
        {
            foreach (var request in operation.RequestExamples)
                operation.FindResponseExample(request.Name, request.Format).ShouldNotBeNull($"{operation.OperationId}/{request.Name}");
            foreach (var parameter in operation.PathParameters.Concat(operation.QueryParameters))
                foreach (var name in parameter.Examples.Keys)
                    operation.FindResponseExample(name, BodyFormat.Json).ShouldNotBeNull($"{operation.OperationId}/{parameter.Name}/{name}");
        }
    }

    [Fact]
    public void Cases_are_named_operation_example_and_media_type()
    {
        var ids = Contract.Cases.Select(c => c.Id).ToList();
        ids.ShouldBeUnique();
        ids.ShouldContain("createApplication/basic/xml");
        ids.ShouldContain("updateApplication/notFound/json");
        var create = Contract.Cases.Single(c => c.Id == "createApplication/basic/json");
        create.Statuses.ShouldBe([200, 201]);
        create.RequestBody!.Name.ShouldBe("basic");
        var notFound = Contract.Cases.Single(c => c.Id == "updateApplication/notFound/xml");
        notFound.Path.ShouldBe("/2fa/2/applications/00000000000000000000000000000000");
        notFound.RequestBody!.Name.ShouldBe("basic");
    }

    [Fact]
    public void Pin_flow_cases_fill_every_path_parameter_and_their_query()
    {
        Contract.AllOperations.SelectMany(o => o.Cases).Select(c => c.Id).ShouldBeUnique();
        Contract.AllOperations.SelectMany(o => o.Cases).ShouldAllBe(c => !c.Path.Contains('{'));
        Case("getMessageTemplate/templateNotFound/json").Path
            .ShouldBe("/2fa/2/applications/0933F3BC087D2A617AC6DCB2EF5B8A61/messages/00000000000000000000000000000000");
        Case("updateMessageTemplate/applicationNotFound/xml").Path
            .ShouldBe("/2fa/2/applications/00000000000000000000000000000000/messages/F5A3B2C1D4E6978812AB34CD56EF7890");
        Case("sendPinOverSms/noNumberLookup/json").PathAndQuery.ShouldBe("/2fa/2/pin?ncNeeded=false");
        Case("sendPinOverSms/basic/json").PathAndQuery.ShouldBe("/2fa/2/pin");
        Case("sendPinOverSms/templateNotFound/xml").RequestBody!.Name.ShouldBe("templateNotFound");
        Case("getVerificationStatus/basic/json").PathAndQuery
            .ShouldBe("/2fa/2/applications/0933F3BC087D2A617AC6DCB2EF5B8A61/verifications?msisdn=447700900123");
        Case("getVerificationStatus/missingMsisdn/json").Query.ShouldBe("?msisdn=");
        var expired = Case("verifyPin/expired/json");
        (expired.Statuses.Single(), expired.RequestBody!.Name, expired.PathId).ShouldBe((200, "basic", "1F2E3D4C5B6A79880716253443526170"));
        Case("verifyPin/wrongPin/xml").RequestBody!.Text.ShouldContain("<pin>000000</pin>");
        // The old single-id form keeps working: the template's application is its basic example.
        Contract.Operation("getMessageTemplate").PathFor("ABC")
            .ShouldBe("/2fa/2/applications/0933F3BC087D2A617AC6DCB2EF5B8A61/messages/ABC");
    }

    private static ContractCase Case(string id) => Contract.AllOperations.SelectMany(o => o.Cases).Single(c => c.Id == id);

    private static (string, int, string, BodyFormat) ParseKey(string key)
    {
        var parts = key.Split(' ');
        return (parts[0], int.Parse(parts[1]), parts[2], Enum.Parse<BodyFormat>(parts[3]));
    }

    /// <summary>Element names and trimmed texts, so layout and quoting style do not count.</summary>
    private static string Canonical(string xml)
    {
        static string Walk(XElement e) => e.HasElements
            ? $"<{e.Name.LocalName}>{string.Concat(e.Elements().Select(Walk))}</{e.Name.LocalName}>"
            : $"<{e.Name.LocalName}>{e.Value.Trim()}</{e.Name.LocalName}>";
        return Walk(XElement.Parse(xml.Trim()));
    }
}
