using System.Net.Http.Headers;
using TwoFactorContracts.Client;
using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.Testing;

/// <summary>
/// The mock running in-process on a free loopback port, for any test framework:
/// <code>await using var mock = await TwoFactorMock.StartAsync();</code>
/// <see cref="Client"/> and <see cref="HttpClient"/> send this instance's own credential (a fresh account,
/// so parallel suites never see each other's applications).
/// </summary>
public sealed class TwoFactorMock : IAsyncDisposable
{
    private readonly MockServerHost _host;

    private TwoFactorMock(MockServerHost host)
    {
        _host = host;
        BaseUrl = host.Url.TrimEnd('/');
        Authorization = "App twofactor-testing-" + Guid.NewGuid().ToString("N");
        HttpClient = CreateHttpClient(Authorization);
        Client = new TwoFactorClient(HttpClient);
    }

    /// <summary>The mock's address, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>The <c>Authorization</c> header value <see cref="Client"/> and <see cref="HttpClient"/> send.</summary>
    public string Authorization { get; }

    /// <summary>An HttpClient with <see cref="BaseUrl"/> as base address and <see cref="Authorization"/> preset.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>The typed client generated from the contract, over <see cref="HttpClient"/>.</summary>
    public ITwoFactorClient Client { get; }

    /// <summary>
    /// The running mock itself, for tests that reach past HTTP: its options, request journal, PIN flow and
    /// WireMock server (e.g. <c>mock.Host.Journal</c>).
    /// </summary>
    public MockServerHost Host => _host;

    /// <summary>Starts the mock; <paramref name="options"/> defaults to a free loopback port with the mock's defaults.</summary>
    public static async Task<TwoFactorMock> StartAsync(MockServerOptions? options = null)
    {
        var host = await MockServerHost.StartAsync(options ?? new MockServerOptions { Port = 0 });
        return new TwoFactorMock(host);
    }

    /// <summary>Another HttpClient on this mock; <paramref name="authorization"/> null sends no credential.</summary>
    public HttpClient CreateHttpClient(string? authorization)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        if (authorization is not null)
            client.DefaultRequestHeaders.Authorization = AuthenticationHeaderValue.Parse(authorization);
        return client;
    }

    /// <summary>Back to the state the mock started in (every account's applications, runtime stubs).</summary>
    public void Reset() => _host.Reset();

    /// <summary>Stops the mock and frees its port.</summary>
    public async ValueTask DisposeAsync()
    {
        HttpClient.Dispose();
        await _host.DisposeAsync();
    }
}
