using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using TwoFactorContracts.Client;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ContractTests;

/// <summary>The contract describes the four operations, their statuses, credentials, formats and defaults.</summary>
public class ContractShapeTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    [Fact]
    public void Describes_the_four_operations()
    {
        Contract.Operations.Select(o => $"{o.Method} {o.PathTemplate} {o.OperationId}").OrderBy(s => s).ShouldBe(
        [
            "GET /2fa/2/applications listApplications",
            "GET /2fa/2/applications/{applicationId} getApplication",
            "POST /2fa/2/applications createApplication",
            "PUT /2fa/2/applications/{applicationId} updateApplication",
        ]);
    }

    [Theory]
    [InlineData("listApplications", 50)]
    [InlineData("createApplication", 20)]
    [InlineData("getApplication", 100)]
    [InlineData("updateApplication", 40)]
    public void Documents_todays_throttling_per_ten_minutes(string operationId, int requests)
    {
        Contract.Operation(operationId).Throttling.ShouldBe(new Throttling(requests, TimeSpan.FromMinutes(10)));
    }

    [Theory]
    [InlineData("600s", 600_000)]
    [InlineData("10m", 600_000)]
    [InlineData("250ms", 250)]
    public void Reads_a_throttling_window(string text, int milliseconds) =>
        Throttling.ParseWindow(text).ShouldBe(TimeSpan.FromMilliseconds(milliseconds));

    [Theory]
    [InlineData("10")]
    [InlineData("0s")]
    [InlineData("m")]
    [InlineData("1w")]
    public void Refuses_a_window_that_is_not_a_time(string text) => Throttling.ParseWindow(text).ShouldBeNull();

    [Theory]
    [InlineData("listApplications", new[] { 200, 401, 403, 405, 406, 429, 500 })]
    [InlineData("createApplication", new[] { 200, 201, 400, 401, 403, 405, 406, 413, 415, 429, 500 })]
    [InlineData("getApplication", new[] { 200, 401, 403, 404, 405, 406, 429, 500 })]
    [InlineData("updateApplication", new[] { 200, 400, 401, 403, 404, 405, 406, 413, 415, 429, 500 })]
    public void Documents_each_status_with_json_and_xml_examples(string operationId, int[] statuses)
    {
        var operation = Contract.Operation(operationId);
        operation.Responses.Select(r => r.Status).ShouldBe(statuses);
        foreach (var response in operation.Responses)
        {
            response.Examples.ShouldContain(e => e.Format == BodyFormat.Json, $"{operationId} {response.Status}");
            // A 406 answers a client that reads neither media type: its error comes in JSON only.
            if (response.Status != 406) response.Examples.ShouldContain(e => e.Format == BodyFormat.Xml, $"{operationId} {response.Status}");
        }
    }

    [Fact]
    public void Names_the_seed_xml_elements()
    {
        Contract.XmlNames.ShouldBe(new ContractXmlNames("request", "ApplicationResponse", "ApplicationResponse", "item", "ApiException"));
    }

    [Fact]
    public void Reads_the_xml_list_through_its_item_names()
    {
        var list = Contract.Operation("listApplications");
        var xml = list.FindResponseExample("basic", BodyFormat.Xml)!.Text;
        var json = list.ResponseSchema(200, BodyFormat.Xml).XmlToJson(xml).AsArray();
        json.Count.ShouldBe(3);
        json[0]!["configuration"]!["pinAttempts"]!.GetValue<long>().ShouldBe(2);
        json[2]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("pinTimeToLive", "15m", true)]
    [InlineData("pinTimeToLive", "1h", true)]
    [InlineData("pinTimeToLive", "2d", true)]
    [InlineData("pinTimeToLive", "500ms", true)]
    [InlineData("pinTimeToLive", "30s", true)]
    [InlineData("pinTimeToLive", "m", false)]
    [InlineData("pinTimeToLive", "0m", false)]
    [InlineData("pinTimeToLive", "-5m", false)]
    [InlineData("pinTimeToLive", "15", false)]
    [InlineData("pinTimeToLive", "15 m", false)]
    [InlineData("pinTimeToLive", "15min", false)]
    [InlineData("pinTimeToLive", "1w", false)]
    [InlineData("verifyPinLimit", "1/3s", true)]
    [InlineData("verifyPinLimit", "10/15m", true)]
    [InlineData("sendPinPerApplicationLimit", "10000/1d", true)]
    [InlineData("sendPinPerPhoneNumberLimit", "2/10s", true)]
    [InlineData("verifyPinLimit", "1/s", false)]
    [InlineData("verifyPinLimit", "0/3s", false)]
    [InlineData("sendPinPerApplicationLimit", "10000/1", false)]
    [InlineData("sendPinPerPhoneNumberLimit", "1d", false)]
    [InlineData("sendPinPerPhoneNumberLimit", "3/1d/2", false)]
    public void Time_and_limit_patterns_accept_exactly_the_documented_formats(string field, string value, bool valid)
    {
        var body = $$$"""{"name":"n","configuration":{"{{{field}}}":"{{{value}}}"}}""";
        var problems = Contract.Operation("createApplication").RequestSchema(BodyFormat.Json).Validate(body);
        (problems.Count == 0).ShouldBe(valid, string.Join("; ", problems));
    }

    [Fact]
    public void Configuration_defaults_are_the_documented_ones()
    {
        var defaults = new ApplicationConfiguration();
        defaults.PinAttempts.ShouldBe(10);
        defaults.AllowMultiplePinVerifications.ShouldBe(true);
        defaults.PinTimeToLive.ShouldBe("15m");
        defaults.VerifyPinLimit.ShouldBe("1/3s");
        defaults.SendPinPerApplicationLimit.ShouldBe("10000/1d");
        defaults.SendPinPerPhoneNumberLimit.ShouldBe("3/1d");
    }

    [Fact]
    public async Task Offers_every_credential_kind_the_real_api_takes()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var result = await OpenApiDocument.LoadAsync(ContractDocument.DefaultPath, settings);
        var schemes = result.Document!.Components!.SecuritySchemes!;
        schemes.Keys.OrderBy(k => k).ShouldBe(["App", "Basic", "Bearer", "IBSSO"]);
        schemes["Basic"].Scheme.ShouldBe("basic");
        schemes["Bearer"].Scheme.ShouldBe("bearer");
        result.Document.Security!.Count.ShouldBe(4);
    }
}
