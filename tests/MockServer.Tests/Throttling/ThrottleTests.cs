using Budget = TwoFactorContracts.Contract.Throttling;
using Microsoft.Extensions.Time.Testing;
using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.MockServer.Throttling;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Throttling;

/// <summary>--throttle: per account and operation, a sliding window, on a fake clock (no test sleeps).</summary>
public sealed class ThrottleTests : IAsyncLifetime
{
    private const string TooManyRequests = "TOO_MANY_REQUESTS";
    private const string TooManyRequestsText = "Too many requests";
    private const string Xml = "application/xml";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z"));
    private readonly List<TwoFactorMock> _mocks = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var mock in _mocks) await mock.DisposeAsync();
    }

    private Task<MockServerHost> StartAsync(string throttle, MockFlavour flavour = MockFlavour.Seed) => StartAsync(QuietMock.Options(o =>
    {
        o.Flavour = flavour;
        o.Throttle = ThrottleSpec.Parse(throttle);
        o.Clock = _clock;
    }));

    /// <summary>A mock stopped when the test ends.</summary>
    private async Task<MockServerHost> StartAsync(MockServerOptions options)
    {
        var mock = await TwoFactorMock.StartAsync(options);
        _mocks.Add(mock);
        return mock.Host;
    }

    private static async Task<int[]> GetTimes(ApiClient client, int times, string path = ApiClient.Collection)
    {
        var statuses = new int[times];
        for (var i = 0; i < times; i++) statuses[i] = (int)(await client.GetAsync(path)).StatusCode;
        return statuses;
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData(Xml)]
    public async Task Over_budget_is_429_TOO_MANY_REQUESTS_in_the_negotiated_media_type(string accept)
    {
        var host = await StartAsync("3/1s");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        for (var i = 0; i < 3; i++) await (await client.GetAsync(accept: accept)).ShouldBeOk();
        var refused = await client.GetAsync(accept: accept);
        await refused.ShouldBeError(429, TooManyRequests, TooManyRequestsText);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe(accept);
    }

    [Fact]
    public async Task The_window_slides_rather_than_resetting_at_fixed_boundaries()
    {
        var host = await StartAsync("5/1s");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        (await GetTimes(client, 3)).ShouldAllBe(s => s == 200);   // t = 0
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        (await GetTimes(client, 3)).ShouldBe([200, 200, 429]);     // t = 0.6: 5 in the last second
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        // t = 1.0: the three from t = 0 left the window, the two from t = 0.6 have not (a fixed bucket would free all five).
        (await GetTimes(client, 4)).ShouldBe([200, 200, 200, 429]);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        (await GetTimes(client, 3)).ShouldBe([200, 200, 429]);     // t = 1.6: the two from t = 0.6 left
    }

    [Fact]
    public async Task Budgets_are_per_account_and_per_operation()
    {
        var host = await StartAsync("2/1m");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        (await GetTimes(client, 3)).ShouldBe([200, 200, 429]);
        (await GetTimes(ApiClient.ForNewAccount(host.BaseUrl), 2)).ShouldBe([200, 200]);
        (await GetTimes(client, 2, $"{ApiClient.Collection}/0933F3BC087D2A617AC6DCB2EF5B8A61")).ShouldBe([200, 200]);
        await (await client.PostJsonAsync("""{"name":"still allowed"}""")).ShouldBeOk();
    }

    [Fact]
    public async Task A_throttled_create_changes_nothing_and_takes_no_budget()
    {
        var host = await StartAsync("1/10s");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        await (await client.PostJsonAsync("""{"name":"first"}""")).ShouldBeOk();
        await (await client.PostJsonAsync("""{"name":"refused"}""", Xml)).ShouldBeError(429, TooManyRequests, TooManyRequestsText);
        _clock.Advance(TimeSpan.FromSeconds(9));
        await (await client.PostJsonAsync("""{"name":"refused again"}""")).ShouldBeError(429, TooManyRequests);
        _clock.Advance(TimeSpan.FromSeconds(1));
        // The refusals took no budget: ten seconds after the first create the window is free again.
        await (await client.PostJsonAsync("""{"name":"second"}""")).ShouldBeOk();
        var names = (await Bodies.JsonOf(await client.GetAsync())).AsArray().Select(a => a!["name"]!.GetValue<string>()).ToList();
        names.ShouldContain("first");
        names.ShouldContain("second");
        names.ShouldNotContain("refused");
        names.ShouldNotContain("refused again");
    }

    [Fact]
    public async Task Every_request_past_the_credentials_stage_counts_even_an_error()
    {
        var host = await StartAsync("2/1m");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        await (await client.GetAsync($"{ApiClient.Collection}/nope")).ShouldBeError(404, "APPLICATION_NOT_FOUND");
        await (await client.GetAsync($"{ApiClient.Collection}/nope", accept: "text/csv")).ShouldBeError(406, "NOT_ACCEPTABLE");
        await (await client.GetAsync($"{ApiClient.Collection}/nope")).ShouldBeError(429, TooManyRequests);
        // Requests without valid credentials are answered 401 before throttling and take no budget.
        var stranger = ApiClient.ForNewAccount(host.BaseUrl);
        for (var i = 0; i < 3; i++) await (await stranger.As("Basic not-base64!").GetAsync()).ShouldBeError(401, "UNAUTHORIZED");
        (await GetTimes(stranger, 3)).ShouldBe([200, 200, 429]);
    }

    [Fact]
    public async Task Real_uses_the_contracts_budgets_and_a_given_window_shortens_them()
    {
        var contract = ContractDocument.Load();
        var creates = contract.Operation("createApplication").Throttling!.Requests;
        var lists = contract.Operation("listApplications").Throttling!.Requests;
        var host = await StartAsync("real/3s");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        for (var i = 0; i < creates; i++) await (await client.PostJsonAsync($$"""{"name":"app {{i}}"}""")).ShouldBeOk();
        await (await client.PostJsonAsync("""{"name":"one too many"}""")).ShouldBeError(429, TooManyRequests);
        (await GetTimes(client, lists + 1)).ShouldBe([.. Enumerable.Repeat(200, lists), 429]);
        _clock.Advance(TimeSpan.FromSeconds(3));
        await (await client.PostJsonAsync("""{"name":"next window"}""")).ShouldBeOk();
    }

    [Fact]
    public async Task Real_without_a_window_keeps_the_documented_window()
    {
        var documented = ContractDocument.Load().Operation("createApplication").Throttling!;
        var host = await StartAsync("real");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        for (var i = 0; i < documented.Requests; i++) await (await client.PostJsonAsync("""{"name":"x"}""")).ShouldBeOk();
        _clock.Advance(documented.Window - TimeSpan.FromSeconds(1));
        var refused = await client.PostJsonAsync("""{"name":"x"}""");
        await refused.ShouldBeError(429, TooManyRequests);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await (await client.PostJsonAsync("""{"name":"x"}""")).ShouldBeOk();
    }

    [Fact]
    public async Task The_seed_flavour_says_when_to_retry_and_today_does_not()
    {
        var seed = ApiClient.ForNewAccount((await StartAsync("1/10s")).BaseUrl);
        var today = ApiClient.ForNewAccount((await StartAsync("1/10s", MockFlavour.Today)).BaseUrl);
        await (await seed.GetAsync()).ShouldBeOk();
        await (await today.GetAsync()).ShouldBeOk();
        _clock.Advance(TimeSpan.FromMilliseconds(2500));

        var seedRefused = await seed.GetAsync();
        await seedRefused.ShouldBeError(429, TooManyRequests, TooManyRequestsText);
        seedRefused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(8)); // 7.5 s left, rounded up

        var todayRefused = await today.GetAsync(accept: Xml);
        await todayRefused.ShouldBeError(429, TooManyRequests, TooManyRequestsText);
        todayRefused.Headers.RetryAfter.ShouldBeNull();
    }

    [Theory]
    [InlineData(MockMode.Stateful)]
    [InlineData(MockMode.Examples)]
    public async Task Answers_from_the_contracts_stubs_count_and_are_refused_like_any_other(MockMode mode)
    {
        var host = await StartAsync(QuietMock.Options(o =>
        {
            o.Mode = mode;
            o.Throttle = ThrottleSpec.Parse("2/1h");
            o.Clock = _clock;
        }));
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        var prefer = new Dictionary<string, string> { ["Prefer"] = "code=200" };
        await (await client.GetAsync(headers: prefer)).ShouldBeOk();
        await (await client.GetAsync()).ShouldBeOk();
        await (await client.GetAsync(headers: prefer)).ShouldBeError(429, TooManyRequests, TooManyRequestsText);
    }

    [Theory]
    [InlineData(MockMode.Stateful)]
    [InlineData(MockMode.Examples)]
    public async Task A_Prefer_no_stub_answers_is_charged_once(MockMode mode)
    {
        // The gateway admits it before WireMock's stubs; when none matches, the pipeline answers without charging it again.
        var host = await StartAsync(new MockServerOptions
        {
            Port = 0, Verbosity = Verbosity.Quiet, Mode = mode, Throttle = ThrottleSpec.Parse("4/1m"), Clock = _clock,
        });
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        var undocumented = new Dictionary<string, string> { ["Prefer"] = "code=499" };
        for (var i = 0; i < 4; i++) await (await client.GetAsync(headers: undocumented)).ShouldBeError(400, "BAD_REQUEST");
        await (await client.GetAsync(headers: undocumented)).ShouldBeError(429, TooManyRequests, TooManyRequestsText);
    }

    [Fact]
    public async Task A_reset_forgets_the_counts()
    {
        var host = await StartAsync("1/1h");
        var client = ApiClient.ForNewAccount(host.BaseUrl);
        (await GetTimes(client, 2)).ShouldBe([200, 429]);
        (await client.Http.PostAsync("/__admin/reset", null)).IsSuccessStatusCode.ShouldBeTrue();
        (await GetTimes(client, 2)).ShouldBe([200, 429]);
    }

    [Fact]
    public async Task Off_never_throttles()
    {
        var host = await StartAsync(QuietMock.Options(o => o.Clock = _clock));
        var documented = ContractDocument.Load().Operation("listApplications").Throttling!.Requests;
        (await GetTimes(ApiClient.ForNewAccount(host.BaseUrl), documented + 5)).ShouldAllBe(s => s == 200);
    }
}

public class ThrottleSpecTests
{
    [Theory]
    [InlineData("off", "off")]
    [InlineData("OFF", "off")]
    [InlineData("real", "real")]
    [InlineData("real/3s", "real/3s")]
    [InlineData("real/500ms", "real/500ms")]
    [InlineData("5/1s", "5/1s")]
    [InlineData("100/10m", "100/10m")]
    public void Reads_every_spelling(string text, string shown) => ThrottleSpec.Parse(text).ToString().ShouldBe(shown);

    [Fact]
    public void Budgets_come_from_the_contract_or_the_option()
    {
        var documented = new Budget(20, TimeSpan.FromMinutes(10));
        ThrottleSpec.Off.BudgetOf(documented).ShouldBeNull();
        ThrottleSpec.Parse("real").BudgetOf(documented).ShouldBe(documented);
        ThrottleSpec.Parse("real").BudgetOf(null).ShouldBeNull();
        ThrottleSpec.Parse("real/3s").BudgetOf(documented).ShouldBe(new Budget(20, TimeSpan.FromSeconds(3)));
        ThrottleSpec.Parse("5/1s").BudgetOf(documented).ShouldBe(new Budget(5, TimeSpan.FromSeconds(1)));
        ThrottleSpec.Parse("5/1s").BudgetOf(null).ShouldBe(new Budget(5, TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("on")]
    [InlineData("5")]
    [InlineData("0/1s")]
    [InlineData("-1/1s")]
    [InlineData("5/1w")]
    [InlineData("5/0s")]
    [InlineData("real/")]
    [InlineData("real/soon")]
    [InlineData("five/1s")]
    [InlineData("")]
    public void Refuses_anything_else_with_the_spellings_it_takes(string text) =>
        Should.Throw<ArgumentException>(() => ThrottleSpec.Parse(text)).Message
            .ShouldBe($"--throttle must be off, real, real/<window> or <requests>/<window> (window like 500ms, 3s, 10m), not '{text}'.");
}
