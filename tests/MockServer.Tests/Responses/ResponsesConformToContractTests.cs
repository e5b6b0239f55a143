using MockServer.Tests.Support;
using TwoFactorContracts.Contract;

namespace MockServer.Tests.Responses;

/// <summary>The mock's own bodies (not copies of examples) must satisfy the contract's schemas, in both media types.</summary>
public class ResponsesConformToContractTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    private static async Task ShouldConform(HttpResponseMessage response, string operationId, BodyFormat format)
    {
        var body = await response.Content.ReadAsStringAsync();
        var problems = Contract.Operation(operationId).ResponseSchema((int)response.StatusCode, format).Validate(body, format);
        problems.ShouldBeEmpty($"{operationId} {(int)response.StatusCode} {format}: {body}");
    }

    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public async Task Every_operation_answers_in_the_contracts_shape(BodyFormat format)
    {
        var client = fixture.NewAccount();
        var accept = format.MediaType();
        var created = await client.PostJsonAsync(Texts.FullJson, accept);
        await ShouldConform(created, "createApplication", format);
        var id = await client.CreateAsync("""{"name":"for get"}""");
        await ShouldConform(await client.GetAsync(accept: accept), "listApplications", format);
        await ShouldConform(await client.GetAsync($"{ApiClient.Collection}/{id}", accept), "getApplication", format);
        await ShouldConform(await client.SendAsync(HttpMethod.Put, $"{ApiClient.Collection}/{id}", """{"name":"u"}""", "application/json", accept), "updateApplication", format);
    }

    [Theory]
    [InlineData(BodyFormat.Json)]
    [InlineData(BodyFormat.Xml)]
    public async Task Errors_answer_in_the_contracts_envelope(BodyFormat format)
    {
        var client = fixture.NewAccount();
        var accept = format.MediaType();
        await ShouldConform(await client.As(null).GetAsync(accept: accept), "listApplications", format);
        await ShouldConform(await client.GetAsync($"{ApiClient.Collection}/nope", accept), "getApplication", format);
        await ShouldConform(await client.PostJsonAsync("""{"enabled":true}""", accept), "createApplication", format);
    }

    [Fact]
    public async Task XML_escapes_markup_in_names()
    {
        var client = fixture.NewAccount();
        var response = await client.PostJsonAsync("""{"name":"<b>&\"'</b>\u0001"}""", "application/xml");
        var root = Bodies.Xml(await response.ShouldBeOk()).Root!;
        root.Element("name")!.Value.ShouldBe("<b>&\"'</b>\uFFFD");
    }
}
