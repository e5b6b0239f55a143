using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Security;

/// <summary>Credentials never appear in answers, in the API journal, or in WireMock's request log.</summary>
public sealed class CredentialLeakTests(MockServerFixture mock) : IClassFixture<MockServerFixture>
{
    [Fact]
    public async Task No_answer_journal_or_request_log_holds_a_credential()
    {
        var secrets = new Secrets();
        using var client = mock.BoundedClient();
        var answers = new StringBuilder();
        foreach (var credential in secrets.Headers)
        {
            foreach (var format in new[] { BodyFormat.Json, BodyFormat.Xml })
            {
                answers.AppendLine((await Api.SendAsync(client, "POST", Api.Collection, credential, Bodies.Create(format), format)).ToString());
                answers.AppendLine((await Api.SendAsync(client, "GET", Api.Collection, credential, accept: format.MediaType())).ToString());
                answers.AppendLine((await Api.SendAsync(client, "GET", $"{Api.Collection}/UNKNOWN", credential, accept: format.MediaType())).ToString());
                answers.AppendLine((await Api.SendAsync(client, "DELETE", "/nowhere", credential, accept: format.MediaType())).ToString());
            }
        }
        secrets.ShouldNotLeakInto(answers.ToString(), "an API answer");

        var journal = await client.GetStringAsync("/__admin/mock/journal");
        journal.ShouldContain("\"entries\"");
        journal.ShouldContain(Api.Collection, Case.Sensitive, "the journal recorded the requests (else this test proves nothing)");
        secrets.ShouldNotLeakInto(journal, "the API journal (/__admin/mock/journal)");

        var requests = await client.GetAsync("/__admin/requests");
        secrets.ShouldNotLeakInto(await requests.Content.ReadAsStringAsync(), "WireMock's request log (/__admin/requests)");
    }

    [Fact]
    public async Task With_user_stubs_the_request_log_holds_no_credential_either()
    {
        // With a user stub present, requests go through WireMock's own pipeline (and its request log).
        await using var ownMock = await QuietMock.StartAsync();
        using var client = new HttpClient { BaseAddress = ownMock.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(15) };
        var stub = await client.PostAsync("/__admin/mappings", new StringContent(
            "{\"request\":{\"path\":\"/stubbed\",\"methods\":[\"GET\"]},\"response\":{\"status\":200,\"body\":\"stubbed\"}}", Encoding.UTF8, "application/json"));
        stub.IsSuccessStatusCode.ShouldBeTrue();
        var secrets = new Secrets();
        foreach (var credential in secrets.Headers)
        {
            (await Api.SendAsync(client, "GET", "/stubbed", credential)).Body.ShouldBe("stubbed");
            (await Api.SendAsync(client, "GET", Api.Collection, credential, accept: "application/json")).Status.ShouldBeLessThan(500);
        }
        secrets.ShouldNotLeakInto(await client.GetStringAsync("/__admin/mock/journal"), "the API journal with user stubs");
        secrets.ShouldNotLeakInto(await (await client.GetAsync("/__admin/requests")).Content.ReadAsStringAsync(), "WireMock's request log with user stubs");
    }
}
