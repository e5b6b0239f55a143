using TwoFactorContracts.Client;
using TwoFactorContracts.MockServer;
using Xunit;

namespace TwoFactorContracts.Testing;

/// <summary>
/// xunit class fixture: one mock for all tests of a class (<c>IClassFixture&lt;TwoFactorMockFixture&gt;</c>),
/// started before the first test and stopped after the last. Call <see cref="Reset"/> where tests need a clean state.
/// Derive and override <see cref="Options"/> to start the mock with other options:
/// <code>
/// public sealed class EmptyMockFixture : TwoFactorMockFixture
/// {
///     protected override MockServerOptions Options() => new() { Port = 0, Seed = SeedMode.Empty };
/// }
/// </code>
/// </summary>
public class TwoFactorMockFixture : IAsyncLifetime
{
    private TwoFactorMock? _mock;

    /// <summary>The running mock; throws when the fixture is used outside xunit (not started).</summary>
    public TwoFactorMock Mock => _mock ?? throw new InvalidOperationException("The mock is not started: use the fixture through xunit.");

    /// <inheritdoc cref="TwoFactorMock.BaseUrl"/>
    public string BaseUrl => Mock.BaseUrl;

    /// <inheritdoc cref="TwoFactorMock.Client"/>
    public ITwoFactorClient Client => Mock.Client;

    /// <inheritdoc cref="TwoFactorMock.HttpClient"/>
    public HttpClient HttpClient => Mock.HttpClient;

    /// <inheritdoc cref="TwoFactorMock.Host"/>
    public MockServerHost Host => Mock.Host;

    /// <inheritdoc cref="TwoFactorMock.Reset"/>
    public void Reset() => Mock.Reset();

    /// <summary>
    /// The options the mock starts with, called once before the first test. The default: a free loopback port
    /// and the mock's defaults. An override should keep <c>Port = 0</c> so parallel classes never collide.
    /// </summary>
    protected virtual MockServerOptions Options() => new() { Port = 0 };

    /// <summary>Starts the mock (xunit calls it before the class's first test).</summary>
    public async Task InitializeAsync() => _mock = await TwoFactorMock.StartAsync(Options());

    /// <summary>Stops the mock (xunit calls it after the class's last test).</summary>
    public async Task DisposeAsync()
    {
        if (_mock is not null) await _mock.DisposeAsync();
    }
}
