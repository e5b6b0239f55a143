using MockServer.Tests.Support;

namespace MockServer.Tests.State;

/// <summary>--max-accounts: a new account beyond the limit gets 429 in the envelope; held accounts keep working.</summary>
public class AccountLimitHttpTests
{
    [Fact]
    public async Task A_new_account_beyond_the_limit_gets_429_until_a_reset()
    {
        await using var mock = await QuietMock.StartAsync(o => o.MaxAccounts = 2);
        var first = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        var second = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        var id = await first.CreateAsync("""{"name":"kept"}""");
        await (await second.GetAsync()).ShouldBeOk();

        var third = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        await (await third.GetAsync()).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many requests");
        await (await third.GetAsync(accept: "application/xml")).ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many requests");
        await (await third.PostJsonAsync("""{"name":"refused"}""")).ShouldBeError(429, "TOO_MANY_REQUESTS");
        await (await third.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeError(429, "TOO_MANY_REQUESTS");
        await (await third.PutJsonAsync(id, """{"name":"refused"}""")).ShouldBeError(429, "TOO_MANY_REQUESTS");
        await (await first.GetAsync($"{ApiClient.Collection}/{id}")).ShouldBeOk();

        (await first.Http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        await (await third.GetAsync()).ShouldBeOk();
    }
}
