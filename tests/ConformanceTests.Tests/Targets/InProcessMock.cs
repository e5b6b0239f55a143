using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>Our mock started in this process on a free loopback port, in stateful or examples mode.</summary>
public sealed class InProcessMock : IAsyncDisposable
{
    private readonly MockServerHost _host;

    private InProcessMock(MockServerHost host, TargetKind kind)
    {
        _host = host;
        Target = new ConformanceTarget(new Uri(host.Url.TrimEnd('/') + "/"), kind);
    }

    public ConformanceTarget Target { get; }

    public static async Task<InProcessMock> StartAsync(MockMode mode) =>
        new(await MockServerHost.StartAsync(new MockServerOptions { Port = 0, Mode = mode }),
            mode == MockMode.Examples ? TargetKind.ExamplesMock : TargetKind.StatefulMock);

    public void Reset() => _host.Reset();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
