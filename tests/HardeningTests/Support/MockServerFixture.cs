using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>
/// One in-process mock on a free loopback port per test class (TwoFactorContracts.Testing's fixture, quiet);
/// stopped when the class ends. Derive to start it with other options. With MOCK_STORE set, the mock keeps its
/// state there (<see cref="MockStoreEnvironment"/>: test.sh's Redis pass).
/// </summary>
public class MockServerFixture : TwoFactorMockFixture
{
    /// <summary>A client with no credential and a timeout: a hang fails the test instead of stalling the run.</summary>
    public HttpClient BoundedClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = Host.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(15) };

    protected override MockServerOptions Options() => MockStoreEnvironment.Apply(QuietMock.Options());
}

/// <summary>A mock whose accounts start empty, so a list holds exactly what the test created.</summary>
public sealed class EmptyMockServerFixture : MockServerFixture
{
    protected override MockServerOptions Options() => MockStoreEnvironment.Apply(QuietMock.Options(o => o.Seed = SeedMode.Empty));
}

/// <summary>A mock reading bodies up to 1 MiB, so deep-nesting attacks reach the parsers instead of the 413.</summary>
public sealed class LargeBodyMockServerFixture : MockServerFixture
{
    public const int MaxBodyBytes = 1024 * 1024;

    protected override MockServerOptions Options() => MockStoreEnvironment.Apply(QuietMock.Options(o => o.MaxBodyBytes = MaxBodyBytes));
}
