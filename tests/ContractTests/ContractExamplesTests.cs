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
        foreach (var operation in Contract.Operations)
            foreach (var response in operation.Responses)
                foreach (var example in response.Examples)
                    data.Add($"{operation.OperationId} {response.Status} {example.Name} {example.Format}");
        return data;
    }

    public static TheoryData<string> RequestExamples()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Contract.Operations)
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
        var pairedStatus = operation.FindResponseExample(example.Name, example.Format)!.Value.Status;
        if (pairedStatus == 400)
            problems.ShouldNotBeEmpty("a request documented to cause a 400 must break the schema");
        else
            problems.ShouldBeEmpty();
    }

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
        foreach (var testCase in Contract.Cases.Where(c => c.Statuses.Contains(400)))
            testCase.RequestBody!.Name.ShouldBe(testCase.Name, $"{testCase.Id} needs a request example of its name");
        foreach (var testCase in Contract.Cases.Where(c => c.Statuses.Contains(404)))
            testCase.Operation.PathExamples.ShouldContainKey(testCase.Name, $"{testCase.Id} needs a path example of its name");
        Contract.Cases.Where(c => c.Statuses.Any(s => s is 401 or 403 or 429 or 500)).ShouldAllBe(c => c.NeedsNoRequestCause);
    }

    [Fact]
    public void Every_request_example_pairs_with_a_response_example_of_its_name()
    {
        foreach (var operation in Contract.Operations)
        {
            foreach (var request in operation.RequestExamples)
                operation.FindResponseExample(request.Name, request.Format).ShouldNotBeNull($"{operation.OperationId}/{request.Name}");
            foreach (var pathExample in operation.PathExamples.Keys)
                operation.FindResponseExample(pathExample, BodyFormat.Json).ShouldNotBeNull($"{operation.OperationId}/{pathExample}");
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
