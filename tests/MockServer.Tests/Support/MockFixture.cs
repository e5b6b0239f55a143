using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Support;

/// <summary>
/// One in-process mock on a free loopback port, shared by a test class (TwoFactorContracts.Testing's fixture,
/// quiet). Tests stay independent by each using a fresh account (credential): accounts never see each other's
/// applications. Derive and override <see cref="Options"/> for other options.
/// </summary>
public class MockFixture : TwoFactorMockFixture
{
    protected override MockServerOptions Options() => QuietMock.Options();

    /// <summary>A client for a new account, authenticated with Basic credentials of a fresh username.</summary>
    public ApiClient NewAccount() => ApiClient.ForNewAccount(Host.BaseUrl);
}

public sealed class ExamplesModeFixture : MockFixture
{
    protected override MockServerOptions Options() => QuietMock.Options(o => o.Mode = MockMode.Examples);
}
