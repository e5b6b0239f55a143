using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.AspireTests;

/// <summary>
/// The sample AppHost with <c>ConnectionStrings:redis</c> naming a redis-server the test starts itself (a free port,
/// a temporary folder; containers cannot run here), so the AppHost wires <c>WithRedis(AddConnectionString("redis"))</c>.
/// </summary>
public sealed class RedisSampleAppHostFixture : SampleAppHostFixture
{
    private RedisServer? _redis;

    protected override async Task<string[]> ArgumentsAsync()
    {
        _redis = await RedisServer.StartAsync();
        return [$"--ConnectionStrings:redis=127.0.0.1:{_redis.Port}"];
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }
}

/// <summary>WithRedis: the mock's state is in Redis, so it outlives a restart of the resource (the dashboard's Restart).</summary>
public sealed class MockOnRedisTests(RedisSampleAppHostFixture host) : IClassFixture<RedisSampleAppHostFixture>
{
    [Fact]
    public async Task What_was_created_outlives_a_restart_of_the_resource()
    {
        using var mock = host.MockClient();
        var applicationId = await MockApi.CreateApplicationAsync(mock, "kept in redis");
        var restartedAfter = DateTime.UtcNow;

        var restart = await host.ExecuteAsync(KnownResourceCommands.RestartCommand);

        restart.Success.ShouldBeTrue(restart.Message);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await host.App.ResourceNotifications.WaitForResourceAsync("tfa",
            e => e.Snapshot.StartTimeStamp > restartedAfter && e.Snapshot.HealthStatus == HealthStatus.Healthy, cancel.Token);
        using var read = await mock.GetAsync($"/2fa/2/applications/{applicationId}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
