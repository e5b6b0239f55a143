using TwoFactorContracts.Client;
using TwoFactorContracts.MockServer;
using Xunit;

namespace TwoFactorContracts.Testing;

/// <summary>
/// xunit class fixture for the port-less mock (<c>IClassFixture&lt;TwoFactorMockHandlerFixture&gt;</c>): one
/// <see cref="TwoFactorMockHandler"/> for all tests of a class, nothing listening. Derive and override
/// <see cref="Options"/> for other options. <see cref="TwoFactorMockFixture"/> is the same on a loopback port.
/// </summary>
public class TwoFactorMockHandlerFixture : IAsyncLifetime
{
    private TwoFactorMockHandler? _handler;
    private HttpClient? _http;
    private ITwoFactorClient? _client;

    /// <summary>The handler; throws when the fixture is used outside xunit (not started).</summary>
    public TwoFactorMockHandler Handler => _handler ?? throw new InvalidOperationException("The mock is not started: use the fixture through xunit.");

    /// <summary>An HttpClient over <see cref="Handler"/>: base address https://api.infobip.com/, the handler's credential preset.</summary>
    public HttpClient HttpClient => _http ?? throw new InvalidOperationException("The mock is not started: use the fixture through xunit.");

    /// <summary>The typed client generated from the contract, over <see cref="HttpClient"/>.</summary>
    public ITwoFactorClient Client => _client ?? throw new InvalidOperationException("The mock is not started: use the fixture through xunit.");

    /// <inheritdoc cref="TwoFactorMockHandler.Mock"/>
    public InProcessMock Mock => Handler.Mock;

    /// <inheritdoc cref="TwoFactorMockHandler.Reset"/>
    public void Reset() => Handler.Reset();

    /// <summary>The options the mock is composed with, called once before the first test: the mock's defaults.</summary>
    protected virtual MockServerOptions Options() => new();

    /// <summary>Composes the mock and waits until the contract is read (xunit calls it before the class's first test).</summary>
    public async Task InitializeAsync()
    {
        _handler = new TwoFactorMockHandler(Options());
        await _handler.Mock.Ready;
        _http = _handler.CreateClient();
        _client = new TwoFactorClient(_http);
    }

    /// <summary>Releases the mock (xunit calls it after the class's last test).</summary>
    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_handler is not null) await _handler.DisposeAsync();
    }
}
