using Aspire.Hosting.ApplicationModel;
using TwoFactorContracts.Aspire.Hosting;
using TwoFactorContracts.MockServer.Admin;
using TwoFactorContracts.MockServer.Frontend.Docs;
using TwoFactorContracts.MockServer.Frontend.Outbox;

namespace Aspire.Hosting;

/// <summary>
/// <c>builder.AddTwoFactorMock("tfa")</c>: the TwoFactorContracts mock of Infobip's 2FA API as a resource of an AppHost.
/// <code>
/// var tfa = builder.AddTwoFactorMock("tfa").WithFlavour("today").WithFixedPin("1234").WithClock("manual");
/// builder.AddProject&lt;Projects.MyApi&gt;("api").WithReference(tfa).WaitFor(tfa);   // services:tfa:http:0 = the mock's URL
/// </code>
/// The options are the mock's own (<c>tfc mock --help</c>), checked by the mock's parser when they are given.
/// </summary>
public static class TwoFactorMockResourceBuilderExtensions
{
    /// <summary>
    /// Adds the mock: one <c>http</c> endpoint on a port DCP allocates (on 127.0.0.1), a health check on the mock's
    /// <c>/__admin/health</c>, the dashboard URLs <c>/outbox</c> and <c>/docs</c>, and the commands: open the outbox,
    /// open the docs, advance the clock by 5 minutes, reset. State in the mock's memory unless <see cref="WithRedis"/>.
    /// </summary>
    /// <param name="builder">The AppHost's builder.</param>
    /// <param name="name">The resource's name; dependents given <c>WithReference</c> read its URL at <c>services:{name}:http:0</c>.</param>
    public static IResourceBuilder<TwoFactorMockResource> AddTwoFactorMock(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mock = new TwoFactorMockResource(name, MockLaunch.DotnetHost(), Path.GetDirectoryName(MockLaunch.MockAssembly)!);
        var resource = builder.AddResource(mock)
            .WithArgs(context =>
            {
                foreach (var argument in MockLaunch.HostArguments()) context.Args.Add(argument);
                foreach (var argument in mock.MockArguments) context.Args.Add(argument);
            })
            // Not proxied: the URL Aspire hands out is where the mock itself listens (it reads its port from MOCK_PORT).
            .WithHttpEndpoint(name: TwoFactorMockResource.HttpEndpointName, env: "MOCK_PORT", isProxied: false)
            .WithHttpHealthCheck(AdminEndpoints.HealthPath)
            .WithUrls(context =>
            {
                if (!mock.HttpEndpoint.IsAllocated) return;
                var root = mock.HttpEndpoint.Url.TrimEnd('/');
                context.Urls.Add(new ResourceUrlAnnotation { Url = root + OutboxPage.Route, DisplayText = "Outbox", Endpoint = mock.HttpEndpoint });
                context.Urls.Add(new ResourceUrlAnnotation { Url = root + DocsEndpoints.DocsRoute, DisplayText = "Docs", Endpoint = mock.HttpEndpoint });
            });
        foreach (var command in MockCommands.All)
            resource.WithCommand(command.Name, command.DisplayName, context => command.Execute(mock, context), new CommandOptions
            {
                Description = command.Description,
                IconName = command.Icon,
                UpdateState = MockCommands.StateOf,
            });
        return resource;
    }

    /// <summary><c>seed</c> (default: as the seed page documents) or <c>today</c> (like Infobip's API today): <c>--flavour</c>.</summary>
    public static IResourceBuilder<TwoFactorMockResource> WithFlavour(this IResourceBuilder<TwoFactorMockResource> builder, string flavour) =>
        builder.WithMockOptions("--flavour", flavour);

    /// <summary>The throttle: <c>off</c> (default), <c>real</c>, <c>real/3s</c> or <c>5/1s</c>: <c>--throttle</c>.</summary>
    public static IResourceBuilder<TwoFactorMockResource> WithThrottle(this IResourceBuilder<TwoFactorMockResource> builder, string throttle) =>
        builder.WithMockOptions("--throttle", throttle);

    /// <summary>Every PIN sent is <paramref name="pin"/> instead of a random one: <c>--fixed-pin</c>.</summary>
    public static IResourceBuilder<TwoFactorMockResource> WithFixedPin(this IResourceBuilder<TwoFactorMockResource> builder, string pin) =>
        builder.WithMockOptions("--fixed-pin", pin);

    /// <summary>
    /// The PIN flow's clock: <c>system</c> (default) or <c>manual</c> (frozen at start): <c>--clock</c>. Either moves
    /// ahead with the dashboard's "Advance clock 5m" command.
    /// </summary>
    public static IResourceBuilder<TwoFactorMockResource> WithClock(this IResourceBuilder<TwoFactorMockResource> builder, string clock) =>
        builder.WithMockOptions("--clock", clock);

    /// <summary>
    /// Any other of the mock's options, as on its command line (e.g. <c>"--seed", "empty"</c>). Checked with the
    /// options given before: a bad value or combination throws <see cref="ArgumentException"/> with the mock's message.
    /// </summary>
    public static IResourceBuilder<TwoFactorMockResource> WithMockOptions(this IResourceBuilder<TwoFactorMockResource> builder, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MockLaunch.Check([.. builder.Resource.MockArguments, .. arguments]);
        builder.Resource.MockArguments.AddRange(arguments);
        return builder;
    }

    /// <summary>
    /// Keeps the mock's state in <paramref name="redis"/> (an <c>Aspire.Hosting.Redis</c> resource, or any resource
    /// whose connection string is a Redis's), so several mocks, or a mock and its restarts, share one state
    /// (the mock's <c>--store</c>; docs/redis.md). The mock waits for Redis to be ready. Give replicas that must not
    /// see each other's applications different <paramref name="prefix"/>es.
    /// </summary>
    public static IResourceBuilder<TwoFactorMockResource> WithRedis(this IResourceBuilder<TwoFactorMockResource> builder, IResourceBuilder<IResourceWithConnectionString> redis, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(redis);
        if (prefix is not null) builder.WithMockOptions("--store-prefix", prefix);
        return builder
            .WithEnvironment(async context =>
            {
                var connection = await redis.Resource.GetConnectionStringAsync(context.CancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The Redis resource '{redis.Resource.Name}' has no connection string.");
                context.EnvironmentVariables["MOCK_STORE"] = RedisConnection.ToStoreUrl(connection);
            })
            .WithEnvironment("MOCK_STORE_WAIT", "true")
            .WithReferenceRelationship(redis.Resource)
            .WaitFor(redis);
    }
}
