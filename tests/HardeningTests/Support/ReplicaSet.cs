using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>
/// Several in-process mocks on one Redis and one key prefix (fresh per set, so tests never see each other):
/// replicas of one mock, each on its own free loopback port. Disposing stops them all.
/// </summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    private readonly List<MockServerHost> _hosts = [];
    private readonly List<HttpClient> _clients = [];

    private ReplicaSet(string store, string prefix)
    {
        Store = store;
        Prefix = prefix;
    }

    public string Store { get; }

    public string Prefix { get; }

    public int Count => _hosts.Count;

    public MockServerHost this[int index] => _hosts[index];

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
        var host = await MockServerHost.StartAsync(options);
        _hosts.Add(host);
        _clients.Add(new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(15) });
        return host;
    }

    public static MockServerOptions Options(string store, string prefix) =>
        new() { Port = 0, Verbosity = Verbosity.Quiet, Store = store, StorePrefix = prefix };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        foreach (var host in _hosts) await host.DisposeAsync();
    }
}
