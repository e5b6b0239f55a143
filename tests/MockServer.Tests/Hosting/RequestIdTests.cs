using System.Text;
using MockServer.Tests.Support;

namespace MockServer.Tests.Hosting;

/// <summary>Every API answer carries a short unique X-Request-Id, and the journal records it.</summary>
public class RequestIdTests
{
    private static string RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out var values) ? values.Single() : throw new ShouldAssertException("no X-Request-Id");

    [Fact]
    public async Task Answers_carry_distinct_short_ids_that_the_journal_records()
    {
        await using var mock = await QuietMock.StartAsync();
        var client = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        var ok = await client.GetAsync();
        var notFound = await client.GetAsync($"{ApiClient.Collection}/UNKNOWN");
        var unauthorized = await client.As(null).GetAsync();
        string[] ids = [RequestIdOf(ok), RequestIdOf(notFound), RequestIdOf(unauthorized)];
        ids.Distinct().Count().ShouldBe(3);
        ids.ShouldAllBe(id => id.Length >= 8 && id.Length <= 32);

        var entries = Bodies.Json(await client.Http.GetStringAsync("/__admin/mock/journal"))["entries"]!.AsArray();
        entries.Select(e => e!["requestId"]!.GetValue<string>()).ShouldBe(ids);
    }

    [Fact]
    public async Task With_user_stubs_present_the_mocks_answers_still_carry_the_id_the_journal_records()
    {
        await using var mock = await QuietMock.StartAsync();
        var client = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        var stub = """{"Request":{"Path":{"Matchers":[{"Name":"WildcardMatcher","Pattern":"/stubbed"}]},"Methods":["GET"]},"Response":{"StatusCode":200,"Body":"stubbed"}}""";
        (await client.Http.PostAsync("/__admin/mappings", new StringContent(stub, Encoding.UTF8, "application/json"))).IsSuccessStatusCode.ShouldBeTrue();
        mock.Host.UserStubsPresent.ShouldBeTrue();

        var answered = await client.GetAsync();
        await answered.ShouldBeOk();
        var id = RequestIdOf(answered);
        var entries = Bodies.Json(await client.Http.GetStringAsync("/__admin/mock/journal"))["entries"]!.AsArray();
        entries[^1]!["requestId"]!.GetValue<string>().ShouldBe(id);
        RequestIdOf(await client.GetAsync("/stubbed")).ShouldNotBe(id);
    }
}
