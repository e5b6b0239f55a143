using TwoFactorContracts.HardeningTests.Support;

namespace TwoFactorContracts.HardeningTests.Replicas;

/// <summary>
/// The replica tests run alone, not beside the other classes: each puts several replicas and dozens of
/// connections on the 2 cores, and an answer Redis gave must still be read within the mock's 1 s budget.
/// </summary>
[CollectionDefinition(nameof(ReplicaCollection), DisableParallelization = true)]
public sealed class ReplicaCollection;

/// <summary>One redis-server for a test class whose tests leave it running (each test uses its own key prefix).</summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync() => Redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Redis.DisposeAsync();
}
