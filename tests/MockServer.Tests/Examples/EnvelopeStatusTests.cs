using System.Text.Json.Nodes;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;

namespace MockServer.Tests.Examples;

/// <summary>
/// Issue 12, section 2, from the mock's side: every 405, 406, 413 and 415 case of the contract, sent for real
/// to the stateful mock (a 413 with a body over the default 64 KiB limit), answers the documented status,
/// messageId and text.
/// </summary>
public class EnvelopeStatusTests(MockFixture fixture) : IClassFixture<MockFixture>
{
    public static TheoryData<string> EnvelopeCases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ContractDocument.Load().Cases.Where(c => c.Format == BodyFormat.Json && c.Statuses.Any(s => s is 405 or 406 or 413 or 415)))
            data.Add(c.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(EnvelopeCases))]
    public async Task A_request_with_the_cause_gets_the_documented_error(string caseId)
    {
        var c = ContractDocument.Load().Cases.Single(x => x.Id == caseId);
        var body = c.RequestBody?.Text;
        if (c.Statuses.Contains(413)) body = $$"""{"name":"{{new string('n', 70_000)}}"}""";
        var path = c.Operation.PathFor(c.PathId);
        var response = await fixture.NewAccount().SendAsync(new HttpMethod(c.Method), path, body,
            c.ContentType ?? "application/json", c.Accept ?? "application/json");
        var documented = JsonNode.Parse(c.ResponseExample.Text)!["requestError"]!["serviceException"]!;
        await response.ShouldBeError(c.Statuses[0], documented["messageId"]!.GetValue<string>(), documented["text"]!.GetValue<string>());
        if (c.Statuses.Contains(405)) response.Content.Headers.Allow.ShouldNotBeEmpty();
    }
}
