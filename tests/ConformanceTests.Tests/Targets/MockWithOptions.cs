using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Hosting;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>Our mock started in-process with command-line options (e.g. --flavour today --throttle real/3s) on a free loopback port.</summary>
public sealed class MockWithOptions : IAsyncDisposable
{
    private readonly MockServerHost _host;

    private MockWithOptions(MockServerHost host) => _host = host;

    public string Url => _host.Url.TrimEnd('/') + "/";

    public static Task<MockWithOptions> StartAsync(params string[] args) => StartAsync(null, args);

    /// <param name="clock">The clock the mock's throttling reads (a test's manual clock), or the system's.</param>
    public static async Task<MockWithOptions> StartAsync(TimeProvider? clock, params string[] args)
    {
        var options = CommandLine.Parse([.. args, "--port", "0"], _ => null)
                      ?? throw new InvalidOperationException($"the mock's command line gave no options: {string.Join(' ', args)}");
        if (clock is not null) options.Clock = clock;
        return new MockWithOptions(await MockServerHost.StartAsync(options));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
