using TwoFactorContracts.MockServer;

namespace MockServer.Tests.Support;

/// <summary>
/// One in-process mock on a free loopback port, shared by a test class. Tests stay independent by each
/// using a fresh account (credential): accounts never see each other's applications.
/// </summary>
public class MockFixture : IAsyncLifetime
{
    public MockServerHost Host { get; private set; } = null!;

    protected virtual MockServerOptions Options() => new() { Port = 0, Verbosity = Verbosity.Quiet };

    public async Task InitializeAsync() => Host = await MockServerHost.StartAsync(Options());

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A client for a new account, authenticated with Basic credentials of a fresh username.</summary>
    public ApiClient NewAccount() => ApiClient.ForNewAccount(Host.BaseUrl);
}

public sealed class ExamplesModeFixture : MockFixture
{
    protected override MockServerOptions Options() => new() { Port = 0, Verbosity = Verbosity.Quiet, Mode = MockMode.Examples };
}
