using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>The negative cases come from walking the request schema, and each breaks exactly one rule.</summary>
public class NegativeCaseDerivationTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public static TheoryData<string> OperationsWithBodies() => new(Contract.Operations.Where(o => o.HasRequestBody).Select(o => o.OperationId));

    [Theory]
    [MemberData(nameof(OperationsWithBodies))]
    public void Every_constraint_kind_in_the_request_schema_yields_cases(string operationId)
    {
        var rules = NegativeCases.For(Contract.Operation(operationId)).Where(n => n.Format == BodyFormat.Json).Select(n => n.Rule).ToHashSet();
        rules.ShouldBe(["required", "type", "pattern", "length-omitted", "minimum", "int32"], ignoreOrder: true);
        var fields = NegativeCases.For(Contract.Operation(operationId)).Select(n => n.Field).ToHashSet();
        fields.ShouldContain("name");
        fields.ShouldContain("configuration.pinAttempts");
        fields.ShouldContain("configuration.sendPinPerPhoneNumberLimit");
    }

    [Theory]
    [MemberData(nameof(OperationsWithBodies))]
    public void Each_json_case_breaks_exactly_its_rule_and_nothing_else(string operationId)
    {
        var operation = Contract.Operation(operationId);
        var schema = operation.RequestSchema(BodyFormat.Json);
        var baseValues = RequestBodies.Values(operation, operation.FindRequestExample("basic", BodyFormat.Json)!);
        schema.Validate(baseValues.ToJsonString()).ShouldBeEmpty("the base body must be valid");
        foreach (var negative in NegativeCases.For(operation).Where(n => n.Format == BodyFormat.Json))
        {
            var broken = negative.Apply(baseValues);
            var problems = schema.Validate(broken.ToJsonString());
            if (negative.Rule == "int32")
            {
                // The validator does not check formats of numbers: the value itself proves the break.
                problems.ShouldBeEmpty(negative.Id);
                Lookup(broken, negative.Pointer)!.GetValue<long>().ShouldBeGreaterThan(int.MaxValue);
                continue;
            }
            problems.Count.ShouldBe(1, $"{negative.Id}: {string.Join("; ", problems)}");
            problems[0].ShouldContain(negative.Rule == "required" ? "PropertyRequired" : negative.Pointer[^1], Case.Sensitive, negative.Id);
        }
    }

    [Theory]
    [MemberData(nameof(OperationsWithBodies))]
    public void Xml_cases_break_the_same_rule_as_their_json_twins(string operationId)
    {
        var operation = Contract.Operation(operationId);
        var baseValues = RequestBodies.Values(operation, operation.FindRequestExample("basic", BodyFormat.Json)!);
        var xmlCases = NegativeCases.For(operation).Where(n => n.Format == BodyFormat.Xml).ToList();
        xmlCases.ShouldNotBeEmpty();
        xmlCases.ShouldNotContain(n => n.Rule == "type" && n.Field == "name", "an XML text is a string whatever it holds");
        foreach (var negative in xmlCases.Where(n => n.Rule != "int32"))
        {
            var broken = negative.Apply(baseValues);
            var xml = RequestBodies.Write(operation, broken, BodyFormat.Xml);
            xml.ShouldContain($"<{Contract.XmlNames.RequestRoot}>");
            operation.RequestSchema(BodyFormat.Xml).Validate(xml, BodyFormat.Xml)
                .ShouldBe(operation.RequestSchema(BodyFormat.Json).Validate(broken.ToJsonString()), negative.Id);
        }
    }

    private static JsonNode? Lookup(JsonObject values, IReadOnlyList<string> pointer) =>
        pointer.Aggregate((JsonNode?)values, (node, segment) => node?[segment]);
}
