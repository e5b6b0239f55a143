using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.Testing;

/// <summary>
/// Lets one test suite run against both stores: with the variable MOCK_STORE set to a Redis URL (as the
/// mock's own MOCK_STORE), <see cref="Apply"/> puts the options' mock on that Redis under a fresh key
/// prefix, so parallel mocks never see each other; MOCK_STORE_TIMEOUT (ms), when set, is its --store-timeout.
/// Unset or "memory": the options are left as they are.
/// <code>await using var mock = await TwoFactorMock.StartAsync(MockStoreEnvironment.Apply(new() { Port = 0 }));</code>
/// </summary>
public static class MockStoreEnvironment
{
    /// <summary>The environment variable that names the store (the mock's own).</summary>
    public const string Variable = "MOCK_STORE";

    /// <summary>Puts the mock on the Redis that MOCK_STORE names, under a fresh key prefix; returns the same options.</summary>
    /// <param name="options">The options to change (also returned, for chaining).</param>
    public static MockServerOptions Apply(MockServerOptions options)
    {
        var store = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(store) || store.Equals("memory", StringComparison.OrdinalIgnoreCase)) return options;
        options.Store = store;
        options.StorePrefix = $"test-{Guid.NewGuid():N}";
        if (int.TryParse(Environment.GetEnvironmentVariable("MOCK_STORE_TIMEOUT"), out var timeoutMs)) options.StoreTimeoutMs = timeoutMs;
        return options;
    }
}
