using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Hosting;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>Our mock started in-process with command-line options (e.g. --flavour today --throttle real/3s) on a free loopback port.</summary>
public sealed class MockWithOptions : IAsyncDisposable
{
    private readonly MockServerHost _host;

    private MockWithOptions(MockServerHost host) => _host = host;

    public string Url => _host.Url.TrimEnd('/') + "/";

    public static async Task<MockWithOptions> StartAsync(params string[] args)
    {
        var options = CommandLine.Parse([.. args, "--port", "0"], _ => null)
                      ?? throw new InvalidOperationException($"the mock's command line gave no options: {string.Join(' ', args)}");
        return new MockWithOptions(await MockServerHost.StartAsync(options));
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
