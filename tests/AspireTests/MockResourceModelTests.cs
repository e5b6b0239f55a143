using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

// GetArgumentValuesAsync: obsolete in 13.6 for ExecutionConfigurationBuilder, but still the one-call way to evaluate a
// resource's argument callbacks as a run would, nothing started.
#pragma warning disable CS0618

namespace TwoFactorContracts.AspireTests;

/// <summary>
/// The resource as the AppHost declares it, nothing started: its endpoint, health check, commands, how the mock is
/// launched, the options checked by the mock's own parser, and what WithRedis hands the mock.
/// </summary>
public sealed class MockResourceModelTests
{
    private static IDistributedApplicationBuilder Builder() => DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DisableDashboard = true });

    [Fact]
    public void The_resource_has_one_unproxied_http_endpoint_the_health_check_and_four_commands()
    {
        var mock = Builder().AddTwoFactorMock("tfa").Resource;

        var endpoint = mock.Annotations.OfType<EndpointAnnotation>().ShouldHaveSingleItem();
        endpoint.Name.ShouldBe("http");
        endpoint.IsProxied.ShouldBeFalse();
        mock.Annotations.OfType<HealthCheckAnnotation>().ShouldHaveSingleItem();
        mock.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name)
            .ShouldBe(["open-outbox", "open-docs", "advance-clock", "reset"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_mock_runs_from_its_assembly_with_the_options_given()
    {
        var mock = Builder().AddTwoFactorMock("tfa").WithFlavour("today").WithThrottle("real/3s").WithFixedPin("2468").WithClock("manual").Resource;

        var arguments = await mock.GetArgumentValuesAsync();

        arguments[0].ShouldBe("exec");
        arguments.ShouldContain(a => a.EndsWith("TwoFactorContracts.MockServer.dll", StringComparison.Ordinal));
        arguments.TakeLast(8).ShouldBe(["--flavour", "today", "--throttle", "real/3s", "--fixed-pin", "2468", "--clock", "manual"]);
    }

    [Theory]
    [InlineData("--throttle", "fast", "--throttle")]
    [InlineData("--clock", "sundial", "--clock")]
    [InlineData("--fixed-pin", "12 34", "--fixed-pin")]
    [InlineData("--flavour", "tomorrow", "tomorrow")]
    public void A_bad_option_is_refused_with_the_mock_s_message(string option, string value, string named)
    {
        var mock = Builder().AddTwoFactorMock("tfa");

        var refused = Should.Throw<ArgumentException>(() => mock.WithMockOptions(option, value));

        refused.Message.ShouldContain(named);
        mock.Resource.MockArguments.ShouldBeEmpty();
    }

    [Fact]
    public void A_combination_the_mock_refuses_is_refused()
    {
        var mock = Builder().AddTwoFactorMock("tfa").WithFlavour("today");

        Should.Throw<ArgumentException>(() => mock.WithMockOptions("--mode", "examples")).Message.ShouldContain("--flavour today needs --mode stateful");
    }

    [Theory]
    [InlineData("127.0.0.1:6390", "redis://127.0.0.1:6390")]
    [InlineData("cache.local:6380,password=p@ss w,ssl=true", "rediss://:p%40ss%20w@cache.local:6380")]
    [InlineData("localhost:6379,user=mock,password=secret,defaultDatabase=2,abortConnect=false", "redis://mock:secret@localhost:6379/2")]
    [InlineData("redis://127.0.0.1:6391/1", "redis://127.0.0.1:6391/1")]
    public async Task WithRedis_hands_the_mock_its_connection_string_as_a_store_URL(string connectionString, string store)
    {
        var builder = Builder();
        var redis = builder.AddResource(new FixedConnectionString("redis", connectionString));
        var mock = builder.AddTwoFactorMock("tfa").WithRedis(redis, prefix: "team-a").Resource;

        // The environment callbacks as a run calls them (their values unresolved: the endpoint's port is not allocated).
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run));
        foreach (var callback in mock.Annotations.OfType<EnvironmentCallbackAnnotation>()) await callback.Callback(context);

        context.EnvironmentVariables["MOCK_STORE"].ShouldBe(store);
        context.EnvironmentVariables["MOCK_STORE_WAIT"].ShouldBe("true");
        mock.MockArguments.ShouldBe(["--store-prefix", "team-a"]);
        mock.Annotations.OfType<WaitAnnotation>().ShouldContain(w => w.Resource == redis.Resource);
    }
}

/// <summary>A resource whose connection string is a fixed value, as a Redis resource hands out its own.</summary>
internal sealed class FixedConnectionString(string name, string value) : Resource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{value}");
}
