using System.Text.Json.Nodes;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;

namespace MockServer.Tests.Examples;

/// <summary>--mode examples: every documented request gets its paired documented response, verbatim.</summary>
public class ExamplesModeTests(ExamplesModeFixture fixture) : IClassFixture<ExamplesModeFixture>
{
    public static TheoryData<string> RequestCausedCases()
    {
        var data = new TheoryData<string>();
        foreach (var contractCase in ContractDocument.Load().Cases.Where(c => !c.NeedsNoRequestCause)) data.Add(contractCase.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(RequestCausedCases))]
    public async Task A_documented_request_gets_its_documented_response(string caseId)
    {
        var contractCase = ContractDocument.Load().Cases.Single(c => c.Id == caseId);
        var mediaType = contractCase.Format.MediaType();
        var response = await fixture.NewAccount().SendAsync(new HttpMethod(contractCase.Method), contractCase.Path,
            contractCase.RequestBody?.Text, contractCase.ContentType ?? mediaType, contractCase.Accept ?? mediaType);
        var body = await response.Content.ReadAsStringAsync();
        contractCase.Statuses.ShouldContain((int)response.StatusCode, body);
        if (!contractCase.CausedByEnvelope)
        {
            body.ShouldBe(contractCase.ResponseExample.Text);
            return;
        }
        // Method, Accept and Content-Type are answered by the stages before the examples: the documented
        // error, rendered by the mock (same content, its own layout).
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe(mediaType);
        if (contractCase.Format == BodyFormat.Json) JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(contractCase.ResponseExample.Text)).ShouldBeTrue(body);
        else System.Xml.Linq.XNode.DeepEquals(System.Xml.Linq.XElement.Parse(body), System.Xml.Linq.XElement.Parse(contractCase.ResponseExample.Text.Trim())).ShouldBeTrue(body);
    }

    [Fact]
    public async Task Requests_are_compared_semantically()
    {
        // The basic create body, reordered, with a time written in another unit: still the documented request.
        var response = await fixture.NewAccount().PostJsonAsync("""
            {"enabled":true,"configuration":{"sendPinPerPhoneNumberLimit":"3/24h","sendPinPerApplicationLimit":"10000/1d",
             "verifyPinLimit":"1/3000ms","pinTimeToLive":"900s","allowMultiplePinVerifications":true,"pinAttempts":10},
             "name":"Test application BASIC"}
            """);
        (await response.ShouldBeOk()).ShouldBe(Example("createApplication", "basic", BodyFormat.Json));
    }

    [Fact]
    public async Task Another_valid_request_gets_the_default_documented_response()
    {
        var client = fixture.NewAccount();
        (await (await client.PostJsonAsync("""{"name":"something else"}""")).ShouldBeOk()).ShouldBe(Example("createApplication", "basic", BodyFormat.Json));
        (await (await client.GetAsync($"{ApiClient.Collection}/ANYTHING", "application/xml")).ShouldBeOk()).ShouldBe(Example("getApplication", "basic", BodyFormat.Xml));
    }

    [Fact]
    public async Task Another_invalid_request_is_still_validated()
    {
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"n","configuration":{"pinTimeToLive":"forever"}}""");
        await response.ShouldBeError(400, "BAD_REQUEST", $"[configuration.pinTimeToLive : {Texts.TimeFormat}]");
    }

    [Fact]
    public async Task Nothing_is_stored()
    {
        var client = fixture.NewAccount();
        await client.PostJsonAsync("""{"name":"not kept"}""");
        var list = await Bodies.JsonOf(await client.GetAsync());
        JsonNode.DeepEquals(list, Bodies.Json(Example("listApplications", "basic", BodyFormat.Json))).ShouldBeTrue();
    }

    private static string Example(string operation, string name, BodyFormat format) =>
        ContractDocument.Load().Operation(operation).FindResponseExample(name, format)!.Text;
}
