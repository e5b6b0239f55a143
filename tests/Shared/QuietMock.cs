using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.Tests.Shared;

/// <summary>
/// The options of a test's own in-process mock: a free loopback port, quiet, and whatever the test sets on top;
/// <see cref="StartAsync"/> starts one through TwoFactorContracts.Testing (<see cref="TwoFactorMock"/>).
/// Compiled into the test projects that start mocks (tests/Shared).
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
