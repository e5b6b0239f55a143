using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace FrontendTests.Support;

/// <summary>The real mock in-process (through the TwoFactorContracts.Testing fixture) with the given CORS settings.</summary>
public static class MockUnderTest
{
    public static Task<TwoFactorMock> StartAsync(string? corsOrigins = null, string host = "127.0.0.1") =>
        TwoFactorMock.StartAsync(new MockServerOptions { Host = host, Port = 0, CorsOrigins = corsOrigins });
}
