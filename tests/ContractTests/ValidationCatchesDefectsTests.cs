using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ContractTests;

/// <summary>The schema checks are not vacuous: a broken example is reported, in JSON and in XML.</summary>
public class ValidationCatchesDefectsTests
{
    private static readonly ContractOperation Create = ContractDocument.Load().Operation("createApplication");

    private static JsonNode CreatedJson() => JsonNode.Parse(Create.FindResponseExample("basic", BodyFormat.Json)!.Text)!;

    [Fact]
    public void A_missing_required_field_is_reported()
    {
        var body = CreatedJson().AsObject();
        body.Remove("applicationId");
        Create.ResponseSchema(200).Validate(body.ToJsonString()).ShouldContain(p => p.Contains("PropertyRequired"));
    }

    [Fact]
    public void A_field_of_the_wrong_type_is_reported()
    {
        var body = CreatedJson();
        body["configuration"]!["pinAttempts"] = "ten";
        Create.ResponseSchema(200).Validate(body.ToJsonString()).ShouldContain(p => p.Contains("pinAttempts"));
    }

    [Fact]
    public void A_wrong_xml_value_or_root_is_reported()
    {
        var xml = Create.FindResponseExample("basic", BodyFormat.Xml)!.Text;
        var schema = Create.ResponseSchema(200, BodyFormat.Xml);
        schema.Validate(xml.Replace("<pinAttempts>10</pinAttempts>", "<pinAttempts>ten</pinAttempts>"))
            .ShouldContain(p => p.Contains("pinAttempts"));
        schema.Validate(xml.Replace("ApplicationResponse>", "Application>")).ShouldContain(p => p.Contains("root element"));
        schema.Validate(xml.Replace("<name>Test application BASIC</name>", "")).ShouldContain(p => p.Contains("PropertyRequired"));
    }

    [Fact]
    public void Json_where_xml_is_expected_is_reported()
    {
        Create.ResponseSchema(200, BodyFormat.Xml).Validate(CreatedJson().ToJsonString()).ShouldContain(p => p.Contains("not well-formed XML"));
    }

    [Fact]
    public void Xml_with_a_dtd_is_refused()
    {
        const string xml = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]><ApplicationResponse/>""";
        Create.ResponseSchema(200, BodyFormat.Xml).Validate(xml).ShouldContain(p => p.Contains("DTD"));
    }
}
