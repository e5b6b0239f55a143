using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>Our mock in-process (TwoFactorContracts.Testing's <see cref="TwoFactorMock"/>) as a conformance target.</summary>
public static class MockTargets
{
    /// <summary>The mock on a free loopback port in stateful or examples mode.</summary>
    public static Task<TwoFactorMock> StartAsync(MockMode mode) => TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, Mode = mode });

    /// <summary>The mock with command-line options (e.g. --flavour today --throttle real/3s) on a free loopback port.</summary>
    public static Task<TwoFactorMock> StartAsync(params string[] args) => StartAsync(null, args);

    /// <param name="clock">The clock the mock's throttling reads (a test's manual clock), or the system's.</param>
    /// <param name="args">The mock's command-line options.</param>
    public static Task<TwoFactorMock> StartAsync(TimeProvider? clock, params string[] args)
    {
        var options = CommandLine.Parse([.. args, "--port", "0"], _ => null)
                      ?? throw new InvalidOperationException($"the mock's command line gave no options: {string.Join(' ', args)}");
        if (clock is not null) options.Clock = clock;
        return TwoFactorMock.StartAsync(options);
    }

    extension(TwoFactorMock mock)
    {
        /// <summary>The mock's address with a trailing slash, as --target takes it.</summary>
        public string Url => mock.BaseUrl + "/";

        /// <summary>The mock as the runner's target: stateful or examples mode, as it was started.</summary>
        public ConformanceTarget Target =>
            new(new Uri(mock.Url), mock.Host.Options.Mode == MockMode.Examples ? TargetKind.ExamplesMock : TargetKind.StatefulMock);
    }
}
