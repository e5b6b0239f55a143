using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Examples;

namespace MockServer.Tests.Examples;

public class PreferTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    private static Dictionary<string, string> Prefer(string value) => new() { ["Prefer"] = value };

    private static string Documented(string operation, string name, BodyFormat format) =>
        Contract.Operation(operation).FindResponseExample(name, format)!.Text;

    [Theory]
    [InlineData("application/json", BodyFormat.Json)]
    [InlineData("application/xml", BodyFormat.Xml)]
    public async Task Code_answers_the_documented_example_in_the_negotiated_type(string accept, BodyFormat format)
    {
        var response = await fixture.NewAccount().GetAsync($"{ApiClient.Collection}/0933F3BC087D2A617AC6DCB2EF5B8A61", accept, Prefer("code=404"));
        var body = await response.ShouldBeOk(404);
        body.ShouldBe(Documented("getApplication", "notFound", format));
        ApiClient.ContentTypeOf(response)!.MediaType.ShouldBe(accept);
    }

    [Fact]
    public async Task Example_answers_by_name()
    {
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"valid"}""", headers: Prefer("example=invalidLimit"));
        (await response.ShouldBeOk(400)).ShouldBe(Documented("createApplication", "invalidLimit", BodyFormat.Json));
    }

    [Fact]
    public async Task Code_and_example_together()
    {
        var response = await fixture.NewAccount().SendAsync(HttpMethod.Put, $"{ApiClient.Collection}/0933F3BC087D2A617AC6DCB2EF5B8A61",
            """{"name":"x"}""", "application/json", "application/xml", Prefer("code=400, example=invalidLimit"));
        (await response.ShouldBeOk(400)).ShouldBe(Documented("updateApplication", "invalidLimit", BodyFormat.Xml));
    }

    [Fact]
    public async Task Cases_no_request_can_cause_are_available()
    {
        var client = fixture.NewAccount();
        (await (await client.GetAsync(headers: Prefer("code=429"))).ShouldBeOk(429)).ShouldBe(Documented("listApplications", "tooManyRequests", BodyFormat.Json));
        (await (await client.GetAsync(headers: Prefer("example=generalError"))).ShouldBeOk(500)).ShouldBe(Documented("listApplications", "generalError", BodyFormat.Json));
        (await (await client.GetAsync(headers: Prefer("code=403"))).ShouldBeOk(403)).ShouldBe(Documented("listApplications", "forbidden", BodyFormat.Json));
        (await (await client.SendAsync(HttpMethod.Put, $"{ApiClient.Collection}/0933F3BC087D2A617AC6DCB2EF5B8A61", """{"name":"x"}""",
            "application/json", "application/xml", Prefer("example=forbidden"))).ShouldBeOk(403)).ShouldBe(Documented("updateApplication", "forbidden", BodyFormat.Xml));
    }

    [Fact]
    public async Task A_preferred_answer_changes_no_state()
    {
        var client = fixture.NewAccount();
        var before = await (await client.GetAsync()).Content.ReadAsStringAsync();
        await (await client.PostJsonAsync("""{"name":"not stored"}""", headers: Prefer("code=200"))).ShouldBeOk();
        (await (await client.GetAsync()).Content.ReadAsStringAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Code_413_serves_the_documented_payload_too_large_example()
    {
        // No request causes a 413 reliably outside the mock (the limit is the server's), so the case runs on Prefer.
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"n"}""", headers: Prefer("code=413"));
        await response.ShouldBeError(413, "PAYLOAD_TOO_LARGE", "Request body exceeds the limit of 65536 bytes");
    }

    [Fact]
    public async Task Unknown_code_is_400_listing_the_documented_ones()
    {
        var response = await fixture.NewAccount().GetAsync(headers: Prefer("code=404"));
        await response.ShouldBeError(400, "BAD_REQUEST", "Prefer code=404 is not documented for listApplications. Documented codes: 200, 401, 403, 405, 406, 429, 500");
    }

    [Fact]
    public async Task Unknown_example_is_400_listing_the_documented_ones()
    {
        var response = await fixture.NewAccount().GetAsync(accept: "application/xml", headers: Prefer("example=nope"));
        await response.ShouldBeError(400, "BAD_REQUEST", "Prefer example=nope is not documented for listApplications. Documented examples: basic, unauthorized, forbidden, methodNotAllowed, notAcceptable, tooManyRequests, generalError");
    }

    [Theory]
    [InlineData("example")]
    [InlineData("code")]
    public async Task A_long_unknown_value_is_shortened_not_echoed_whole(string key)
    {
        var value = new string('k', 20_000);
        var response = await fixture.NewAccount().GetAsync(headers: Prefer($"{key}={value}"));
        await response.ShouldBeError(400, "BAD_REQUEST");
        var (_, text) = await Bodies.ErrorOf(response);
        text.ShouldStartWith($"Prefer {key}={new string('k', 100)}... is not documented for listApplications.");
    }

    [Fact]
    public async Task An_example_not_under_the_code_is_400_listing_that_codes_examples()
    {
        var response = await fixture.NewAccount().PostJsonAsync("""{"name":"x"}""", headers: Prefer("code=400, example=basic"));
        await response.ShouldBeError(400, "BAD_REQUEST", "Prefer example=basic is not documented for createApplication with code 400. Documented examples for code 400: missingName, invalidLimit, invalidTimeToLive");
    }

    [Fact]
    public async Task A_Prefer_without_code_or_example_is_ignored()
    {
        var response = await fixture.NewAccount().GetAsync(headers: Prefer("respond-async, wait=5"));
        await response.ShouldBeOk();
    }

    [Fact]
    public async Task Credentials_are_still_checked()
    {
        var response = await fixture.NewAccount().As(null).GetAsync(headers: Prefer("code=200"));
        await response.ShouldBeError(401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("code=404", "404", null)]
    [InlineData("example=notFound", null, "notFound")]
    [InlineData("code=400, example=\"invalidLimit\"", "400", "invalidLimit")]
    [InlineData("Code=400; Example=x", "400", "x")]
    public void Parses_the_header(string header, string? code, string? example)
    {
        PreferCheck.TryParse(header, out var c, out var e).ShouldBeTrue();
        c.ShouldBe(code);
        e.ShouldBe(example);
    }
}
