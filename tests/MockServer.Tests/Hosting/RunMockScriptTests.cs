using MockServer.Tests.Support;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Hosting;

/// <summary>The mock as a user starts it: ./run-mock.sh, over HTTP, stopped with a signal.</summary>
[Collection(RunMockCollection.Name)]
public class RunMockScriptTests
{
    /// <summary>./run-mock.sh with these options; the first run may publish the server (tens of seconds on a busy machine).</summary>
    private static TwoFactorMockProcessOptions Run(params string[] arguments) => new() { Arguments = arguments, StartTimeout = TimeSpan.FromMinutes(5) };

    [Fact]
    public async Task Serves_the_API_over_HTTP_and_stops_cleanly_on_SIGTERM()
    {
        await using var mock = await TwoFactorMockProcess.StartAsync(Run());
        mock.BaseUrl.Host.ShouldBe("127.0.0.1");
        mock.Output.ShouldContain("Credentials:");

        var client = ApiClient.ForNewAccount(mock.BaseUrl);
        ((int)(await client.Http.GetAsync("/__admin/health")).StatusCode).ShouldBe(200);
        var id = await client.CreateAsync("""{"name":"over HTTP","configuration":{"pinTimeToLive":"120m"}}""");
        var got = await Bodies.JsonOf(await client.GetAsync($"{ApiClient.Collection}/{id}"));
        got["configuration"]!["pinTimeToLive"]!.GetValue<string>().ShouldBe("2h");
        await (await client.As(null).GetAsync()).ShouldBeError(401, "UNAUTHORIZED", Texts.Unauthorized);
        (await (await client.GetAsync(accept: "application/xml")).ShouldBeOk()).ShouldContain("<item>");

        (await mock.SignalAsync("TERM")).ShouldBe(0);
        mock.Output.ShouldContain("Stopping.");
    }

    [Fact]
    public async Task Ctrl_C_stops_it_cleanly()
    {
        await using var mock = await TwoFactorMockProcess.StartAsync(Run());
        await (await ApiClient.ForNewAccount(mock.BaseUrl).GetAsync()).ShouldBeOk();
        (await mock.SignalAsync("INT")).ShouldBe(0);
    }

    [Fact]
    public async Task Options_reach_the_server()
    {
        await using var mock = await TwoFactorMockProcess.StartAsync(Run("--mode", "examples", "--seed", "empty", "--create-status", "201", "--credential", "App only-this"));
        mock.Output.ShouldContain("mode examples");
        mock.Output.ShouldNotContain("only-this"); // configured secrets are never printed
        var client = ApiClient.ForNewAccount(mock.BaseUrl).As("App only-this");
        await (await client.PostJsonAsync("""{"name":"x"}""")).ShouldBeOk(201);
        await (await client.As("App another").GetAsync()).ShouldBeError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Flavour_throttle_and_forbidden_credential_reach_the_server()
    {
        await using var mock = await TwoFactorMockProcess.StartAsync(Run(
            "--flavour", "today", "--throttle", "2/10m", "--forbidden-credential", "App banned-key"));
        mock.Output.ShouldContain("flavour today");
        mock.Output.ShouldContain("throttle 2/10m");
        mock.Output.ShouldNotContain("banned-key"); // configured secrets are never printed
        var client = ApiClient.ForNewAccount(mock.BaseUrl);
        await (await client.PostJsonAsync("""{"name":"x","configuration":{"pinTimeToLive":"m"}}""")).ShouldBeOk(201);
        (await (await client.GetAsync(accept: "application/xml")).ShouldBeOk()).ShouldContain("<ApplicationResponses>");
        await (await client.GetAsync()).ShouldBeOk();
        var throttled = await client.GetAsync();
        await throttled.ShouldBeError(429, "TOO_MANY_REQUESTS", "Too many requests");
        throttled.Headers.RetryAfter.ShouldBeNull(); // today's API sends none
        await (await client.As("App banned-key").GetAsync(accept: "application/xml")).ShouldBeError(403, "FORBIDDEN");
    }

    [Fact]
    public async Task Help_and_bad_options()
    {
        var (code, output) = await TwoFactorMockProcess.RunToEndAsync(Run("--help"));
        code.ShouldBe(0);
        output.ShouldContain("--create-status");
        var (badCode, badOutput) = await TwoFactorMockProcess.RunToEndAsync(Run("--mode", "nonsense"));
        badCode.ShouldBe(2);
        badOutput.ShouldContain("--mode must be stateful or examples");
        var (throttleCode, throttleOutput) = await TwoFactorMockProcess.RunToEndAsync(Run("--throttle", "lots"));
        throttleCode.ShouldBe(2);
        throttleOutput.ShouldContain("error: --throttle must be off, real, real/<window> or <requests>/<window>");
        throttleOutput.ShouldNotContain("   at "); // no stack trace
    }
}

/// <summary>The script tests share one collection: they may trigger the one-time publish, which should run once.</summary>
[CollectionDefinition(Name)]
public sealed class RunMockCollection
{
    public const string Name = "run-mock.sh";
}
