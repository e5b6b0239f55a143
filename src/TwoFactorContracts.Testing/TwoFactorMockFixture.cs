using TwoFactorContracts.Client;
using Xunit;

namespace TwoFactorContracts.Testing;

/// <summary>
/// xunit class fixture: one mock for all tests of a class (<c>IClassFixture&lt;TwoFactorMockFixture&gt;</c>),
/// started before the first test and stopped after the last. Call <see cref="Reset"/> where tests need a clean state.
/// </summary>
public sealed class TwoFactorMockFixture : IAsyncLifetime
{
    private TwoFactorMock? _mock;

    public TwoFactorMock Mock => _mock ?? throw new InvalidOperationException("The mock is not started: use the fixture through xunit.");
    public string BaseUrl => Mock.BaseUrl;
    public ITwoFactorClient Client => Mock.Client;
    public HttpClient HttpClient => Mock.HttpClient;
    public void Reset() => Mock.Reset();

    public async Task InitializeAsync() => _mock = await TwoFactorMock.StartAsync();

    public async Task DisposeAsync()
    {
        if (_mock is not null) await _mock.DisposeAsync();
    }
}
