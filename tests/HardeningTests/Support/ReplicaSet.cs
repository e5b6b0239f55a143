using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>
/// Several in-process mocks on one Redis and one key prefix (fresh per set, so tests never see each other):
/// replicas of one mock, each on its own free loopback port. Disposing stops them all.
/// </summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    private readonly List<TwoFactorMock> _mocks = [];
    private readonly List<HttpClient> _clients = [];

    private ReplicaSet(string store, string prefix)
    {
        Store = store;
        Prefix = prefix;
    }

    public string Store { get; }

    public string Prefix { get; }

    public int Count => _mocks.Count;

    public MockServerHost this[int index] => _mocks[index].Host;

    /// <summary>A client of replica <paramref name="index"/> (modulo the count), with a timeout: a hang fails the test.</summary>
    public HttpClient Client(int index) => _clients[index % _clients.Count];

    public static async Task<ReplicaSet> StartAsync(string store, int count, Action<MockServerOptions>? configure = null, string? prefix = null)
    {
        var replicas = new ReplicaSet(store, prefix ?? $"replica-test-{Guid.NewGuid():N}");
        try
        {
            for (var i = 0; i < count; i++) await replicas.AddAsync(configure);
        }
        catch
        {
            await replicas.DisposeAsync();
            throw;
        }
        return replicas;
    }

    /// <summary>Starts one more replica with the same store, prefix and options.</summary>
    public async Task<MockServerHost> AddAsync(Action<MockServerOptions>? configure = null)
    {
        var options = Options(Store, Prefix);
        configure?.Invoke(options);
        var mock = await TwoFactorMock.StartAsync(options);
        _mocks.Add(mock);
        _clients.Add(new HttpClient { BaseAddress = mock.Host.BaseUrl, Timeout = TimeSpan.FromSeconds(15) });
        return mock.Host;
    }

    public static MockServerOptions Options(string store, string prefix) =>
        QuietMock.Options(o => { o.Store = store; o.StorePrefix = prefix; });

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var mock in _mocks) await mock.DisposeAsync();
    }
}
