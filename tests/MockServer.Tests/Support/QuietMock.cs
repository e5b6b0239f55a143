using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Support;

/// <summary>
/// A mock of a test's own, started through TwoFactorContracts.Testing (<see cref="TwoFactorMock"/>): a free
/// loopback port, quiet, and whatever the test sets on top. For tests that need options no shared fixture has.
/// </summary>
public static class QuietMock
{
    /// <summary>A free loopback port, quiet, then <paramref name="configure"/>'s settings.</summary>
    public static MockServerOptions Options(Action<MockServerOptions>? configure = null)
    {
        var options = new MockServerOptions { Port = 0, Verbosity = Verbosity.Quiet };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Starts a mock with <see cref="Options"/>; the caller disposes it.</summary>
    public static Task<TwoFactorMock> StartAsync(Action<MockServerOptions>? configure = null) => TwoFactorMock.StartAsync(Options(configure));
}
